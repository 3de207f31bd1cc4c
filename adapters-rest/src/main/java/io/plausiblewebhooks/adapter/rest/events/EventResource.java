package io.plausiblewebhooks.adapter.rest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.rest.MalformedRequestException;
import io.plausiblewebhooks.adapter.rest.Problems;
import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.application.port.in.RecordEventUseCase;
import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.ForwardedEvent;
import io.plausiblewebhooks.domain.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible's Events API, {@code POST /api/event}, public (no API key), so that Plausible's tracker
 * script or any of its clients can send here. Any content type is read as JSON (the tracker sends
 * {@code text/plain}); the short field names of the tracker ({@code n, u, d, r, p, $}) work too.
 * Accepted events answer 202 like Plausible, also for unknown domains (dropped silently); a malformed
 * request answers 400 problem+json naming each bad field. With forwarding on, each accepted request is
 * also handed, byte for byte, to the {@link EventForwarder}, which never makes the client wait.
 */
@Path("/api/event")
public class EventResource {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final RecordEventUseCase recordEvent;
    private final EventForwarder forwarder;
    private final ObjectMapper json;

    public EventResource(RecordEventUseCase recordEvent) {
        this(recordEvent, EventForwarder.OFF);
    }

    /** @param forwarder also gets each accepted request, unchanged, for an upstream Plausible */
    public EventResource(RecordEventUseCase recordEvent, EventForwarder forwarder) {
        this.recordEvent = recordEvent;
        this.forwarder = forwarder;
        this.json = new ObjectMapper();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response record(byte[] body,
                           @HeaderParam("User-Agent") String userAgent,
                           @HeaderParam("X-Forwarded-For") String forwardedFor,
                           @HeaderParam("Content-Type") String contentType,
                           @Context HttpServletRequest request) {
        JsonNode event = parse(body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = text(event, errors, "name", "n");
        String url = text(event, errors, "url", "u");
        String domain = text(event, errors, "domain", "d");
        String referrer = text(event, errors, "referrer", "r");
        Map<String, Object> props = object(event, errors, true, "props", "p", "meta", "m");
        Map<String, Object> revenue = object(event, errors, false, "revenue", "$");
        if (!errors.isEmpty()) {
            return Problems.response(400, "the event has invalid fields", errors);
        }
        RecordEventCommand command;
        try {
            command = new RecordEventCommand(name, url, domain, referrer, props, revenue, userAgent,
                    clientIp(forwardedFor, request.getRemoteAddr()));
        } catch (ValidationException invalid) {
            return Problems.response(400, "the event has invalid fields", invalid.errors());
        }
        recordEvent.recordEvent(command);
        if (forwarder != EventForwarder.OFF) {
            forwarder.forward(new ForwardedEvent(body, contentType, userAgent,
                    ForwardedEvent.appendHop(forwardedFor, request.getRemoteAddr())));
        }
        return Response.accepted("ok").type(MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** The first address of {@code X-Forwarded-For} (the client, as the nearest proxy saw it), else the peer. */
    static String clientIp(String forwardedFor, String remoteAddress) {
        if (forwardedFor != null) {
            String first = forwardedFor.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return remoteAddress;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw problem("the body must be a JSON object with name and url");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw problem("the body must be a JSON object with name and url");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw problem("the body is not valid JSON");
        } catch (java.io.IOException e) {
            throw problem("the body cannot be read");
        }
    }

    private static MalformedRequestException problem(String detail) {
        return new MalformedRequestException(detail);
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
