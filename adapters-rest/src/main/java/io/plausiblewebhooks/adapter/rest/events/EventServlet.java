package io.plausiblewebhooks.adapter.rest.events;

import io.plausiblewebhooks.adapter.rest.BodyLimitFilter;
import io.plausiblewebhooks.adapter.rest.MalformedRequestException;
import io.plausiblewebhooks.adapter.rest.ProblemExceptionMapper;
import io.plausiblewebhooks.adapter.rest.Problems;
import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.application.port.in.RecordEventUseCase;
import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.ForwardedEvent;
import io.plausiblewebhooks.domain.ValidationException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Plausible's Events API, {@code POST /api/event}, public (no API key), so that Plausible's tracker
 * script or any of its clients can send here. Any content type is read as JSON; accepted events answer
 * 202 {@code ok} like Plausible, also for unknown domains (dropped silently); a malformed request answers
 * 400 problem+json naming each bad field. With forwarding on, each accepted request is also handed, byte
 * for byte, to the {@link EventForwarder}, which never makes the client wait.
 *
 * <p>A plain servlet rather than a Jersey resource: this is the one endpoint on the hot path of every
 * page view, and Jersey's routing, filters and injection cost several times the work of the event
 * itself (BENCHMARKS.md). It answers what the Jersey stack answered: the same 1 MiB body cap (413),
 * {@code X-Content-Type-Options: nosniff}, and 405 problems with {@code Allow} for other methods; error
 * bodies come from {@link ProblemExceptionMapper}, as for every other endpoint. The exact mappings win
 * over Jersey's {@code /*}.
 */
@WebServlet(name = "events", urlPatterns = {"/api/event", "/api/event/"})
public final class EventServlet extends HttpServlet {
    private static final String INVALID = "the event has invalid fields";
    private static final String ALLOW = "POST,OPTIONS";
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPTIONS = "POST, OPTIONS".getBytes(StandardCharsets.US_ASCII);

    private final transient RecordEventUseCase recordEvent;
    private final transient EventForwarder forwarder;
    private final transient EventParser parser = new EventParser();
    private final transient ProblemExceptionMapper problems = new ProblemExceptionMapper();

    /** @param forwarder also gets each accepted request, unchanged, for an upstream Plausible */
    public EventServlet(RecordEventUseCase recordEvent, EventForwarder forwarder) {
        this.recordEvent = recordEvent;
        this.forwarder = forwarder;
    }

    /** Where the servlet is mounted, as its annotation says (the trailing-slash form was served before too). */
    public static String[] urlPatterns() {
        return EventServlet.class.getAnnotation(WebServlet.class).urlPatterns().clone();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        switch (request.getMethod()) {
            case "POST" -> doPost(request, response);
            case "OPTIONS" -> doOptions(request, response);
            default -> problem(response, new WebApplicationException(
                    Response.status(405).header(HttpHeaders.ALLOW, ALLOW).build()), request.getMethod());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            byte[] body = readCapped(request);
            String userAgent = request.getHeader("User-Agent");
            String forwardedFor = request.getHeader("X-Forwarded-For");
            String peer = request.getRemoteAddr();
            RecordEventCommand command = parser.parse(body, userAgent, EventParser.clientIp(forwardedFor, peer));
            recordEvent.recordEvent(command);
            if (forwarder != EventForwarder.OFF) {
                forwarder.forward(new ForwardedEvent(body, request.getHeader("Content-Type"), userAgent,
                        ForwardedEvent.appendHop(forwardedFor, peer)));
            }
        } catch (ValidationException invalid) {
            write(response, 400, Problems.MEDIA_TYPE, Problems.body(400, INVALID, invalid.errors())
                    .getBytes(StandardCharsets.UTF_8));
            return;
        } catch (RuntimeException failure) {
            problem(response, failure, "POST");
            return;
        }
        response.setStatus(202);
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ALLOW, ALLOW);
        write(response, 200, "text/plain", OPTIONS);
    }

    /** The body, at most {@link BodyLimitFilter#MAX_BODY_BYTES}; a declared or actual larger one is a 413. */
    private static byte[] readCapped(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > BodyLimitFilter.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            // Jetty ends the stream at a declared length; without one (chunked) read one byte past the cap.
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared : BodyLimitFilter.MAX_BODY_BYTES + 1);
            if (body.length > BodyLimitFilter.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            // e.g. a Content-Encoding that does not decode; a client that went away gets no answer anyway.
            throw new MalformedRequestException("the body cannot be read");
        }
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /** Answers as the API's exception mapper does (it also logs unexpected failures, with an id). */
    private void problem(HttpServletResponse response, RuntimeException failure, String method) throws IOException {
        Response answer = problems.toResponse(failure);
        answer.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        byte[] body = String.valueOf(answer.getEntity()).getBytes(StandardCharsets.UTF_8);
        if (method.equals("HEAD")) {
            response.setStatus(answer.getStatus());
            response.setContentType(Problems.MEDIA_TYPE);
            response.setContentLength(body.length);
            return;
        }
        write(response, answer.getStatus(), Problems.MEDIA_TYPE, body);
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
