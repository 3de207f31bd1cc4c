package io.plausiblewebhooks.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, the body of every 4xx and 5xx answer:
 * {@code {type, title, status, detail}} plus {@code errors} (field to messages) for validation failures.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    // Its own mapper: a problem must render even when the application's mapper is misconfigured.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, Map<String, List<String>> errors) {
    }

    public static Response response(Response.StatusType status, String detail) {
        return response(status.getStatusCode(), detail, null);
    }

    public static Response response(int status, String detail, Map<String, List<String>> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, detail, errors)).build();
    }

    /** The JSON text of a problem, for answers written outside Jersey. */
    public static String body(int status, String detail, Map<String, List<String>> errors) {
        return render(new Problem("about:blank", title(status), status, detail, errors));
    }

    /** 422 naming each invalid field. */
    public static Response validation(Map<String, List<String>> errors) {
        return response(422, "the request has invalid fields", errors);
    }

    static String title(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        if (status == 413) {
            return "Content Too Large";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status >= 500 ? "Server Error" : "Client Error";
    }

    private static String render(Problem problem) {
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always renders", e);
        }
    }
}
