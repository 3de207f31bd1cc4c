package io.plausiblewebhooks.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/event} on the running application, as HTTP sees it: the answers of the plain servlet
 * that serves it outside Jersey (status, headers, body cap, other methods), what it records, and that
 * the server's request metrics still count it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventEndpointTest {
    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("trigger-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("triggers.checkInterval", "1h"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

    @AfterAll
    static void cleanUp() {
        TestDatabase.truncateAll();
    }

    @Test
    void anAcceptedEventAnswers202OkAsPlainTextWhateverTheClientAccepts() throws Exception {
        EventRows.site(TestDatabase.jdbi(), "accepted.example.com");
        String event = event("accepted.example.com", "/");

        for (String path : new String[] {"/api/event", "/api/event/"}) {
            for (String accept : new String[] {"*/*", "application/json"}) {
                HttpResponse<String> answer = HTTP.send(post(path, "203.0.113.1").header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(path + " " + accept).isEqualTo(202);
                assertThat(answer.body()).isEqualTo("ok");
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events("accepted.example.com") == 4);
    }

    @Test
    void theFirstForwardedForAddressIdentifiesTheVisitor() throws Exception {
        EventRows.site(TestDatabase.jdbi(), "visitors.example.com");
        String event = event("visitors.example.com", "/");

        for (String forwardedFor : new String[] {"203.0.113.7, 10.0.0.1", "203.0.113.7, 10.0.0.2", "203.0.113.8"}) {
            assertThat(HTTP.send(post("/api/event", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> events("visitors.example.com") == 3);
        int visitors = TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT e.visitor_id) FROM events e"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'visitors.example.com'").mapTo(Integer.class).one());
        assertThat(visitors).isEqualTo(2);
    }

    @Test
    void aBodyOfOneMebibyteIsReadAndOneByteMoreAnswers413AndRecordsNothing() throws Exception {
        EventRows.site(TestDatabase.jdbi(), "capped.example.com");
        byte[] atCap = padded(event("capped.example.com", "/at-cap"), MAX_BODY);
        byte[] overCap = padded(event("capped.example.com", "/over-cap"), MAX_BODY + 1);

        HttpResponse<String> accepted = HTTP.send(post("/api/event", "203.0.113.20")
                .POST(HttpRequest.BodyPublishers.ofByteArray(atCap)).build(), HttpResponse.BodyHandlers.ofString());
        // A client each: the server may close a connection whose body it did not read, and a shared
        // client could send the next request on it before it notices.
        HttpResponse<String> declared = HttpClient.newHttpClient().send(post("/api/event", "203.0.113.21")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overCap)).build(), HttpResponse.BodyHandlers.ofString());
        // No Content-Length: the body arrives chunked and is cut off once it passes the cap.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(post("/api/event", "203.0.113.22")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overCap))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        for (HttpResponse<String> answer : List.of(declared, chunked)) {
            JsonNode problem = problem(answer, 413);
            assertThat(problem.get("title").asText()).isEqualTo("Content Too Large");
            assertThat(problem.get("detail").asText()).isEqualTo("the request body exceeds 1048576 bytes");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events("capped.example.com") == 1);
        List<String> recorded = TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT e.pathname FROM events e"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'capped.example.com'").mapTo(String.class).list());
        assertThat(recorded).containsExactly("/at-cap");
    }

    @Test
    void otherMethodsAnswer405ProblemsNamingTheAllowedOnes() throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> answer = HTTP.send(request("/api/event")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            JsonNode problem = problem(answer, 405);
            assertThat(problem.get("detail").asText()).isEqualTo("method not allowed on this resource");
            assertThat(answer.headers().firstValue("Allow")).as(method).hasValue("POST,OPTIONS");
        }
        HttpResponse<String> head = HTTP.send(request("/api/event").method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.body()).isEmpty();

        HttpResponse<String> options = HTTP.send(request("/api/event")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow")).hasValue("POST,OPTIONS");
    }

    @Test
    void malformedEventsAnswerProblemsWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> notJson = HTTP.send(post("/api/event", "203.0.113.30")
                .POST(HttpRequest.BodyPublishers.ofString("name=pageview")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badField = HTTP.send(post("/api/event", "203.0.113.30")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":5,\"u\":\"https://x.example.com/\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(problem(notJson, 400).get("detail").asText()).isEqualTo("the body is not valid JSON");
        JsonNode invalid = problem(badField, 400);
        assertThat(invalid.get("detail").asText()).isEqualTo("the event has invalid fields");
        assertThat(invalid.at("/errors/name/0").asText()).isEqualTo("must be a string");
    }

    @Test
    void eventRequestsCountInTheServersRequestMetrics() throws Exception {
        EventRows.site(TestDatabase.jdbi(), "metered.example.com");
        double postsBefore = metric("io_dropwizard_jetty_MutableServletContextHandler_post_requests_total");
        double ingestedBefore = metric("webhook_events_ingested_total");

        for (int i = 0; i < 3; i++) {
            HTTP.send(post("/api/event", "203.0.113.40").POST(HttpRequest.BodyPublishers.ofString(
                    event("metered.example.com", "/" + i))).build(), HttpResponse.BodyHandlers.ofString());
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("io_dropwizard_jetty_MutableServletContextHandler_post_requests_total"))
                    .isGreaterThanOrEqualTo(postsBefore + 3);
            assertThat(metric("webhook_events_ingested_total")).isGreaterThanOrEqualTo(ingestedBefore + 3);
        });
    }

    @Test
    void theOpenApiDocumentStillListsTheEndpoint() throws Exception {
        HttpResponse<String> answer = HTTP.send(request("/api/openapi.json").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).at("/paths/~1api~1event/post").isObject()).isTrue();
    }

    private static String event(String domain, String path) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode().put("n", "pageview")
                .put("u", "https://" + domain + path).put("d", domain));
    }

    /** The event followed by spaces, {@code size} bytes in all: still one valid JSON object. */
    private static byte[] padded(String event, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] json = event.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder post(String path, String forwardedFor) {
        // The tracker's content type; the body is JSON all the same.
        return request(path).header("Content-Type", "text/plain").header("User-Agent", UA)
                .header("X-Forwarded-For", forwardedFor);
    }

    private static JsonNode problem(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static int events(String domain) {
        return TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events e JOIN sites s"
                + " ON s.id = e.site_id WHERE s.domain = :domain").bind("domain", domain).mapTo(Integer.class).one());
    }

    private static double metric(String name) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getAdminPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
