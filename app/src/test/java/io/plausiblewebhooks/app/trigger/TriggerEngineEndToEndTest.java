package io.plausiblewebhooks.app.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.plausiblewebhooks.domain.SiteId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running application, end to end: events in through {@code POST /api/event}, the trigger check on
 * its schedule, messages out in the queue — with the event-burst plugin loaded from a jar in the plugins
 * directory, exactly as a third-party plugin is.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TriggerEngineEndToEndTest {
    private static final Path PLUGINS = PluginJar.pluginsDirectoryWithEventBurst();
    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("trigger-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("triggers.pluginsDirectory", PLUGINS.toString()));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi = TestDatabase.jdbi();

    @Test
    void aVisitorSpikeEnqueuesOneMessageAndNothingMoreDuringTheCooldown() throws Exception {
        SiteId site = EventRows.site(jdbi, "spike.example.com");
        UUID webhook = EventRows.webhook(jdbi, site, true);
        UUID trigger = EventRows.trigger(jdbi, webhook, "visitor_spike", 3, null, true, "{}", Instant.now());

        for (int i = 1; i <= 5; i++) {
            String page = i <= 3 ? "/pricing" : "/";
            String referrer = i <= 2 ? "https://www.google.com/search?q=x" : i == 3 ? "https://news.ycombinator.com/" : null;
            assertThat(sendEvent(event("pageview", "https://spike.example.com" + page, referrer), "198.51.100." + i).statusCode())
                    .isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> messages(trigger).size() == 1);
        JsonNode body = messages(trigger).get(0);
        assertThat(body.get("type").asText()).isEqualTo("visitor_spike");
        assertThat(body.get("id").asText()).startsWith("msg_");
        assertThat(body.at("/data/site/domain").asText()).isEqualTo("spike.example.com");
        assertThat(body.at("/data/trigger/id").asText()).isEqualTo(trigger.toString());
        assertThat(body.at("/data/trigger/threshold").asInt()).isEqualTo(3);
        assertThat(body.at("/data/current_visitors").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(body.at("/data/top_sources/0/name").asText()).isEqualTo("Google");
        assertThat(body.at("/data/top_sources/0/visitors").asInt()).isEqualTo(2);
        assertThat(body.at("/data/top_sources/1/name").asText()).isEqualTo("Hacker News");
        assertThat(body.at("/data/top_pages/0/name").asText()).isEqualTo("/pricing");
        assertThat(body.at("/data/top_pages/0/visitors").asInt()).isEqualTo(3);

        for (int i = 6; i <= 12; i++) {
            sendEvent(event("pageview", "https://spike.example.com/", null), "198.51.100." + i);
        }
        // Several checks pass over the new traffic; the cooldown holds.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> messages(trigger).size() == 1);
    }

    @Test
    void theAcceptanceScenarioThroughThePublicApi() throws Exception {
        JsonNode types = api("GET", "/api/v1/trigger-types", null);
        assertThat(types.get("data").findValuesAsText("type"))
                .contains("visitor_spike", "goal_completion", "traffic_drop", "event_burst");
        JsonNode burst = java.util.stream.StreamSupport.stream(types.get("data").spliterator(), false)
                .filter(t -> t.get("type").asText().equals("event_burst")).findFirst().orElseThrow();
        assertThat(burst.get("version").asText()).isEqualTo("1.0.0");
        assertThat(burst.get("params").toString()).contains("params.event_name");

        String site = api("POST", "/api/v1/sites", "{\"domain\":\"acceptance.example.com\"}").get("id").asText();
        String webhook = api("POST", "/api/v1/sites/" + site + "/webhooks",
                "{\"name\":\"ops\",\"url\":\"https://93.184.215.14/hook\"}").get("id").asText();
        String spike = api("POST", "/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers",
                "{\"trigger_type\":\"visitor_spike\",\"threshold\":3}").get("id").asText();
        String goal = api("POST", "/api/v1/sites/" + site + "/goals", "{\"event_name\":\"Signup\"}").get("id").asText();
        String conversions = api("POST", "/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers",
                "{\"trigger_type\":\"goal_completion\",\"goal_id\":\"" + goal + "\"}").get("id").asText();

        for (int i = 1; i <= 5; i++) {
            sendEvent(event("pageview", "https://acceptance.example.com/", "https://www.google.com/"), "198.51.100." + (100 + i));
        }
        sendEvent(event("Signup", "https://acceptance.example.com/join", null), "198.51.100.101");
        sendEvent(event("Signup", "https://acceptance.example.com/join", null), "198.51.100.102");

        // A check may run between the two Signups: then they arrive in two webhooks, each counted once.
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(UUID.fromString(spike)).size() == 1
                && completions(UUID.fromString(conversions)) >= 2);
        assertThat(messages(UUID.fromString(spike)).get(0).at("/data/current_visitors").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(completions(UUID.fromString(conversions))).isEqualTo(2);
        int firedBefore = messages(UUID.fromString(conversions)).size();

        sendEvent(event("Signup", "https://acceptance.example.com/join", null), "198.51.100.103");
        for (int i = 6; i <= 9; i++) {
            sendEvent(event("pageview", "https://acceptance.example.com/", null), "198.51.100." + (100 + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(UUID.fromString(conversions)).size() == firedBefore + 1);
        assertThat(messages(UUID.fromString(conversions)).get(firedBefore).at("/data/completions").asInt()).isEqualTo(1);
        assertThat(completions(UUID.fromString(conversions))).isEqualTo(3);
        assertThat(messages(UUID.fromString(spike))).hasSize(1);
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .header("Authorization", "Bearer pwk_trigger_e2e_admin_key_0123456789")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 201);
        return JSON.readTree(answer.body());
    }

    @Test
    void aGoalCompletionReportsEachConversionOnce() throws Exception {
        SiteId site = EventRows.site(jdbi, "goals.example.com");
        UUID webhook = EventRows.webhook(jdbi, site, true);
        UUID goal = EventRows.goal(jdbi, site, "Signup", null);
        UUID trigger = EventRows.trigger(jdbi, webhook, "goal_completion", null, goal, true, "{}", Instant.now());

        sendEvent(event("Signup", "https://goals.example.com/join", null), "203.0.113.1");
        sendEvent(event("Signup", "https://goals.example.com/join", null), "203.0.113.2");
        sendEvent(event("pageview", "https://goals.example.com/join", null), "203.0.113.3");

        await().atMost(Duration.ofSeconds(10)).until(() -> completions(trigger) >= 2);
        JsonNode first = messages(trigger).get(0);
        assertThat(completions(trigger)).as("each conversion counted once, whichever check saw it").isEqualTo(2);
        assertThat(first.at("/data/goal/id").asText()).isEqualTo(goal.toString());
        assertThat(first.at("/data/goal/event_name").asText()).isEqualTo("Signup");
        assertThat(first.at("/data/goal/page_path").isNull()).isTrue();
        assertThat(first.at("/data/window/from").asText()).endsWith("Z");

        int firedBefore = messages(trigger).size();
        sendEvent(event("Signup", "https://goals.example.com/join", null), "203.0.113.4");

        await().atMost(Duration.ofSeconds(10)).until(() -> messages(trigger).size() == firedBefore + 1);
        assertThat(messages(trigger).get(firedBefore).at("/data/completions").asInt()).isEqualTo(1);
    }

    @Test
    void theEventBurstPluginLoadsFromItsJarAndFires() throws Exception {
        assertThatThrownBy(() -> Class.forName("io.plausiblewebhooks.trigger.eventburst.EventBurstPlugin"))
                .as("the example plugin is not on the application's class path")
                .isInstanceOf(ClassNotFoundException.class);
        SiteId site = EventRows.site(jdbi, "burst.example.com");
        UUID webhook = EventRows.webhook(jdbi, site, true);
        UUID trigger = EventRows.trigger(jdbi, webhook, "event_burst", 3, null, true,
                "{\"event_name\": \"Download\", \"window_minutes\": 5}", Instant.now());

        for (int i = 0; i < 3; i++) {
            sendEvent(event("Download", "https://burst.example.com/files", null), "192.0.2." + i);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> messages(trigger).size() == 1);
        JsonNode body = messages(trigger).get(0);
        assertThat(body.get("type").asText()).isEqualTo("event_burst");
        assertThat(body.at("/data/event_name").asText()).isEqualTo("Download");
        assertThat(body.at("/data/count").asInt()).isEqualTo(3);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + APP.getAdminPort() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(health.body()).at("/plugins/healthy").asBoolean()).isTrue();
        assertThat(JSON.readTree(health.body()).at("/plugins/message").asText()).isEqualTo("4 trigger types loaded");
    }

    @Test
    void disabledTriggersAndTriggersOfDisabledWebhooksNeverFire() throws Exception {
        SiteId site = EventRows.site(jdbi, "quiet.example.com");
        UUID enabledHook = EventRows.webhook(jdbi, site, true);
        UUID disabledHook = EventRows.webhook(jdbi, site, false);
        UUID disabledTrigger = EventRows.trigger(jdbi, enabledHook, "visitor_spike", 1, null, false, "{}", Instant.now());
        UUID triggerOfDisabledHook = EventRows.trigger(jdbi, disabledHook, "visitor_spike", 1, null, true, "{}", Instant.now());
        UUID witness = EventRows.trigger(jdbi, enabledHook, "visitor_spike", 1, null, true, "{}", Instant.now());

        sendEvent(event("pageview", "https://quiet.example.com/", null), "198.51.100.200");

        await().atMost(Duration.ofSeconds(10)).until(() -> messages(witness).size() == 1);
        assertThat(messages(disabledTrigger)).isEmpty();
        assertThat(messages(triggerOfDisabledHook)).isEmpty();
    }

    @Test
    void theEventsApiAcceptsThePlausibleTrackerFormat() throws Exception {
        EventRows.site(jdbi, "tracker.example.com");
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(eventsUri())
                        .header("Content-Type", "text/plain")
                        .header("User-Agent", "Mozilla/5.0")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"n\":\"pageview\",\"u\":\"https://tracker.example.com/a?utm_source=newsletter\",\"d\":\"tracker.example.com\",\"r\":null,\"p\":\"{\\\"plan\\\":\\\"pro\\\"}\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> count(
                "SELECT count(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'tracker.example.com'"
                        + " AND e.source = 'newsletter' AND e.pathname = '/a' AND e.props ->> 'plan' = 'pro'") == 1);
    }

    @Test
    void eventsForUnknownDomainsAreAcceptedAndDropped() throws Exception {
        HttpResponse<String> answer = sendEvent(event("pageview", "https://nobody.example.org/", null), "198.51.100.9");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("ok");
    }

    @Test
    void malformedEventsAreRefusedWithProblemsNamingTheFields() throws Exception {
        assertBadEvent("{\"domain\":\"x.example.com\"}", "Mozilla/5.0", "name", "url");
        assertBadEvent("{\"name\":\"" + "n".repeat(121) + "\",\"url\":\"https://x.example.com/\"}", "Mozilla/5.0", "name");
        assertBadEvent("{\"name\":\"pageview\",\"url\":\"https://x.example.com/" + "p".repeat(2000) + "\"}", "Mozilla/5.0", "url");
        assertBadEvent("{\"name\":\"pageview\",\"url\":\"data:text/html,hi\",\"domain\":\"x.example.com\"}", "Mozilla/5.0", "url");
        assertBadEvent("{\"name\":\"pageview\",\"url\":\"https://x.example.com/\",\"props\":{\"a\":{\"b\":1}}}", "Mozilla/5.0", "props.a");
        assertBadEvent("{\"name\":\"pageview\",\"url\":\"https://x.example.com/\"}", null, "User-Agent");
        assertBadEvent("{\"name\":5,\"url\":\"https://x.example.com/\"}", "Mozilla/5.0", "name");

        HttpResponse<String> notJson = HTTP.send(HttpRequest.newBuilder(eventsUri()).header("User-Agent", "Mozilla/5.0")
                .POST(HttpRequest.BodyPublishers.ofString("name=pageview")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(count("SELECT count(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'x.example.com'")).isZero();
    }

    private void assertBadEvent(String body, String userAgent, String... fields) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        } else {
            // java.net.http always sends one unless told otherwise; an empty value stands for "missing".
            request.setHeader("User-Agent", "");
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        for (String field : fields) {
            assertThat(problem.at("/errors").has(field)).as("%s names %s: %s", body, field, answer.body()).isTrue();
        }
    }

    private static String event(String name, String url, String referrer) throws Exception {
        var node = JSON.createObjectNode().put("name", name).put("url", url);
        if (referrer != null) {
            node.put("referrer", referrer);
        }
        return JSON.writeValueAsString(node);
    }

    private static HttpResponse<String> sendEvent(String body, String forwardedFor) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(eventsUri())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                        .header("X-Forwarded-For", forwardedFor + ", 10.0.0.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI eventsUri() {
        return URI.create("http://localhost:" + APP.getLocalPort() + "/api/event");
    }

    private List<JsonNode> messages(UUID trigger) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM webhook_messages WHERE trigger_id = :trigger ORDER BY inserted_at")
                        .bind("trigger", trigger).mapTo(String.class).list())
                .stream().map(TriggerEngineEndToEndTest::parse).toList();
    }

    /** Conversions reported by all of a goal trigger's webhooks so far. */
    private int completions(UUID trigger) {
        return messages(trigger).stream().mapToInt(m -> m.at("/data/completions").asInt()).sum();
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
