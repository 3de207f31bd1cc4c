package io.plausiblewebhooks.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.ForbiddenException;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every exception with problem+json. It replaces Dropwizard's default mappers, so that
 * nothing answers plain JSON or HTML; unexpected failures are logged with an id and answered 500
 * without internals.
 */
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof ValidationException invalid) {
            return Problems.validation(invalid.errors());
        }
        if (exception instanceof NotFoundException notFound) {
            return Problems.response(404, notFound.getMessage(), null);
        }
        if (exception instanceof ConflictException conflict) {
            Map<String, List<String>> errors = conflict.field() == null
                    ? null : Map.of(conflict.field(), List.of(conflict.getMessage()));
            return Problems.response(409, conflict.getMessage(), errors);
        }
        if (exception instanceof ForbiddenException forbidden) {
            return Problems.response(403, forbidden.getMessage(), null);
        }
        if (exception instanceof MalformedRequestException malformed) {
            return Problems.response(400, malformed.getMessage(), null);
        }
        if (exception instanceof JsonMappingException wrongShape && !wrongShape.getPath().isEmpty()
                && !(exception instanceof InvalidDefinitionException)) {
            // A body read by the default JSON provider (not an ApiRequest) with a bad field.
            return Problems.validation(Map.of(StrictJsonReader.fieldOf(wrongShape),
                    List.of("has the wrong JSON type or is out of range")));
        }
        if (exception instanceof JsonProcessingException && !(exception instanceof InvalidDefinitionException)) {
            return Problems.response(400, "the body is not valid JSON", null);
        }
        if (exception instanceof WebApplicationException web) {
            return fromWebApplicationException(web);
        }
        if (isDatabaseUnavailable(exception)) {
            // An outage, not a bug: one line without the stack, and the caller is told to come back.
            LOG.warn("Database unavailable: {}", exception.getClass().getSimpleName());
            return Response.fromResponse(Problems.response(503,
                    "the database is unavailable; nothing was changed, retry later", null))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, error id {}", errorId, exception);
        return Problems.response(500, "an unexpected error occurred (error id " + errorId + ")", null);
    }

    /**
     * True when the failure is the database being unreachable: a JDBC connection exception, SQLSTATE
     * class 08 (connection exception) or 57P (operator intervention: shutdown, cannot connect now)
     * anywhere in the cause chain, or the pool or Jdbi failing to obtain a connection.
     */
    static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.equals("org.jdbi.v3.core.ConnectionException") || name.endsWith(".PoolExhaustedException")) {
                return true;
            }
        }
        return false;
    }

    /** Jersey's own answers (404, 405, 415, 406, …) keep their status and useful headers, with a problem body. */
    private static Response fromWebApplicationException(WebApplicationException web) {
        Response original = web.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("Server error {}, error id {}", status, errorId, web);
            return Problems.response(status, "an unexpected error occurred (error id " + errorId + ")", null);
        }
        Response.ResponseBuilder answer = Response.fromResponse(
                Problems.response(status, detail(status), null));
        copyHeader(original, answer, HttpHeaders.ALLOW);
        copyHeader(original, answer, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(original, answer, HttpHeaders.RETRY_AFTER);
        return answer.build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        String value = from.getHeaderString(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 401 -> "a valid API key is required: Authorization: Bearer <api key>";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "only application/json answers are available";
            case 413 -> "the request body exceeds " + BodyLimitFilter.MAX_BODY_BYTES + " bytes";
            case 415 -> "the request body must be application/json";
            default -> Problems.title(status);
        };
    }
}
