package io.plausiblewebhooks.app.plausible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Received;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running application with sites whose stats source is a Plausible Stats API, served by a local
 * HTTPS stub with Plausible's documented answers. Each site has its own API key, and the stub answers
 * per key: a healthy key, a key the server fails with 500, and a refused key (401).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PlausibleApiSourceEndToEndTest {
    private static final String ADMIN_KEY = "pwk_plausible_e2e_admin_key_0123456789";
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per Plausible API key: the realtime visitors the stub answers, or an error status when negative. */
    private static final Map<String, Integer> REALTIME = new ConcurrentHashMap<>();

    private static final TestReceiver PLAUSIBLE = new TestReceiver().respond(request -> {
        String key = request.header("Authorization").substring("Bearer ".length());
        int realtime = REALTIME.getOrDefault(key, -401);
        if (realtime == -401) {
            return Reply.status(401, "{\"error\":\"Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.\"}");
        }
        if (realtime < 0) {
            return Reply.status(-realtime, "{\"error\":\"Internal server error\"}");
        }
        if (request.path().equals("/api/v1/stats/realtime/visitors")) {
            return Reply.status(200, Integer.toString(realtime)).withHeader("Content-Type", "application/json");
        }
        String dimension = request.body().contains("visit:source") ? "[\"Direct / None\"],\"metrics\":[9]},{\"dimensions\":[\"Google\"]"
                : "[\"/pricing\"]";
        return Reply.status(200, "{\"results\":[{\"dimensions\":" + dimension + ",\"metrics\":[8]}],\"meta\":{},\"query\":{}}")
                .withHeader("Content-Type", "application/json");
    });
    private static final TestReceiver HOOKS = new TestReceiver().respond(request -> Reply.status(204));

    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("plausible-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("triggers.checkInterval", CHECK_INTERVAL.toMillis() + "ms"),
            ConfigOverride.config("statsSources.plausibleApi.requestTimeout", "10s"),
            ConfigOverride.config("delivery.trustedCertificates", () -> TestReceiver.trustedCertificatePem().toString()));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        PLAUSIBLE.close();
        HOOKS.close();
        TestDatabase.truncateAll();
    }

    @Test
    void aVisitorSpikeFiresFromPlausiblesRealtimeCount() throws Exception {
        String apiKey = "plausible-key-healthy-" + UUID.randomUUID();
        REALTIME.put(apiKey, 25);
        String site = plausibleSite("spike.example.com", apiKey);
        String trigger = spikeTrigger(site, 20);

        await().atMost(Duration.ofSeconds(20)).until(() -> hooksFor(trigger) != null);

        JsonNode data = JSON.readTree(hooksFor(trigger).body()).get("data");
        assertThat(data.get("current_visitors").asLong()).isEqualTo(25);
        // Plausible's "Direct / None" is left out, as the local source leaves direct traffic out.
        assertThat(data.get("top_sources").toString()).isEqualTo("[{\"name\":\"Google\",\"visitors\":8}]");
        assertThat(data.get("top_pages").toString()).isEqualTo("[{\"name\":\"/pricing\",\"visitors\":8}]");
        assertThat(api("GET", "/api/v1/sites/" + site, null).get("stats_source").get("last_error").isNull()).isTrue();
        assertThat(metrics()).containsPattern("webhook_stats_source_requests_total\\{[^}]*outcome=\"success\",source=\"plausible_api\"[^}]*} [1-9]");
    }

    @Test
    void aServerErrorOrARefusedKeyFiresNothingAndShowsLastErrorUntilItAnswersAgain() throws Exception {
        String failingKey = "plausible-key-failing-" + UUID.randomUUID();
        REALTIME.put(failingKey, -500);
        String failing = plausibleSite("down.example.com", failingKey);
        String failingTrigger = spikeTrigger(failing, 1);
        String refused = plausibleSite("refused.example.com", "plausible-key-refused-" + UUID.randomUUID());
        String refusedTrigger = spikeTrigger(refused, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> !lastError(failing).isNull() && !lastError(refused).isNull());

        assertThat(lastError(failing).asText()).contains("500").doesNotContain(failingKey);
        assertThat(lastError(refused).asText()).contains("refused the API key (401)");
        assertThat(api("GET", "/api/v1/sites", null).toString()).doesNotContain(failingKey);
        assertThat(health()).contains("plausible-api").containsPattern("[2-9] plausible_api site\\(s\\) could not be read");
        // Checks went on all this time; none of them fired on the missing numbers.
        assertThat(hooksFor(failingTrigger)).isNull();
        assertThat(hooksFor(refusedTrigger)).isNull();

        REALTIME.put(failingKey, 3);

        await().atMost(Duration.ofSeconds(20)).until(() -> hooksFor(failingTrigger) != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastError(failing).isNull());
        assertThat(hooksFor(refusedTrigger)).isNull();
    }

    private static String plausibleSite(String siteId, String apiKey) throws Exception {
        String body = "{\"domain\":\"" + UUID.randomUUID().toString().substring(0, 8) + "." + siteId + "\","
                + "\"stats_source\":{\"type\":\"plausible_api\",\"base_url\":\"" + PLAUSIBLE.url("") + "\","
                + "\"site_id\":\"" + siteId + "\",\"api_key\":\"" + apiKey + "\"}}";
        return api("POST", "/api/v1/sites", body).get("id").asText();
    }

    private static String spikeTrigger(String site, int threshold) throws Exception {
        String webhook = api("POST", "/api/v1/sites/" + site + "/webhooks",
                "{\"name\":\"Receiver\",\"url\":\"" + HOOKS.url("/hook/" + site) + "\"}").get("id").asText();
        return api("POST", "/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers",
                "{\"trigger_type\":\"visitor_spike\",\"threshold\":" + threshold + "}").get("id").asText();
    }

    private static JsonNode lastError(String site) throws Exception {
        return api("GET", "/api/v1/sites/" + site, null).get("stats_source").get("last_error");
    }

    /** The first webhook request of the trigger, or null. */
    private static Received hooksFor(String trigger) {
        return HOOKS.received().stream().filter(r -> r.body().contains(trigger)).findFirst().orElse(null);
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return JSON.readTree(answer.body());
    }

    private static String health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
