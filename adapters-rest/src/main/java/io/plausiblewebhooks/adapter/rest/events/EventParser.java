package io.plausiblewebhooks.adapter.rest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.rest.MalformedRequestException;
import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.domain.ValidationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one request of Plausible's Events API into a {@link RecordEventCommand}: the body as JSON
 * whatever its content type (the tracker sends {@code text/plain}), the long or the tracker's short
 * field names ({@code n, u, d, r, p/m, $}), props as an object or as a JSON-encoded string.
 * Thread-safe.
 */
public final class EventParser {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String NOT_AN_OBJECT = "the body must be a JSON object with name and url";

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param clientIp as {@link #clientIp} gives it
     * @throws MalformedRequestException when the body is not a JSON object at all
     * @throws ValidationException naming every invalid field, of the body and of the two headers
     */
    public RecordEventCommand parse(byte[] body, String userAgent, String clientIp) {
        JsonNode event = readObject(body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = text(event, errors, "name", "n");
        String url = text(event, errors, "url", "u");
        String domain = text(event, errors, "domain", "d");
        String referrer = text(event, errors, "referrer", "r");
        Map<String, Object> props = object(event, errors, true, "props", "p", "meta", "m");
        Map<String, Object> revenue = object(event, errors, false, "revenue", "$");
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new RecordEventCommand(name, url, domain, referrer, props, revenue, userAgent, clientIp);
    }

    /** The first address of {@code X-Forwarded-For} (the client, as the nearest proxy saw it), else the peer. */
    public static String clientIp(String forwardedFor, String remoteAddress) {
        if (forwardedFor != null) {
            String first = forwardedFor.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return remoteAddress;
    }

    private JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedRequestException(NOT_AN_OBJECT);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("the body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedRequestException("the body cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException(NOT_AN_OBJECT);
        }
        return node;
    }

    private static JsonNode field(JsonNode event, String... names) {
        for (String name : names) {
            JsonNode value = event.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode event, Map<String, List<String>> errors, String... names) {
        JsonNode value = field(event, names);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            errors.computeIfAbsent(names[0], n -> new ArrayList<>()).add("must be a string");
            return null;
        }
        return value.textValue();
    }

    /** An object field; the tracker may send props as a JSON-encoded string. */
    private Map<String, Object> object(JsonNode event, Map<String, List<String>> errors, boolean mayBeEncoded,
                                       String... names) {
        JsonNode value = field(event, names);
        if (value == null) {
            return null;
        }
        if (mayBeEncoded && value.isTextual()) {
            try {
                value = json.readTree(value.textValue());
            } catch (JsonProcessingException e) {
                value = null;
            }
        }
        if (value == null || !value.isObject()) {
            errors.computeIfAbsent(names[0], n -> new ArrayList<>()).add("must be a JSON object");
            return null;
        }
        return json.convertValue(value, MAP);
    }
}
