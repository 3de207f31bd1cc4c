package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.HOOK_URL;
import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-account rate limit and the caps on webhooks per site and triggers per webhook. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LimitsTest {
    private static final int BURST = 10;
    static final DropwizardAppExtension<AppConfiguration> APP = HardeningApp.extension(
            ConfigOverride.config("limits.requestsPerSecond", "1"),
            ConfigOverride.config("limits.burst", Integer.toString(BURST)),
            ConfigOverride.config("limits.webhooksPerSite", "2"),
            ConfigOverride.config("limits.triggersPerWebhook", "2"));
    private static Http api;

    @BeforeAll
    static void connect() {
        LogCapture.attach();
        api = new Http(APP::getLocalPort);
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    @Test
    void anAccountOverItsBurstGets429WithRetryAfterWhileOthersGoOn() {
        String greedy = api.newAccount();
        String patient = api.newAccount();

        int allowed = 0;
        Http.Answer refused = null;
        for (int i = 0; i < BURST * 3 && refused == null; i++) {
            Http.Answer answer = api.get("/api/v1/sites", greedy);
            if (answer.status() == 429) {
                refused = answer;
            } else {
                answer.expect(200);
                allowed++;
            }
        }

        assertThat(refused).as("refused within three bursts").isNotNull();
        // The bucket refills at 1/s while the loop runs, so a few more than the burst may pass.
        assertThat(allowed).isBetween(BURST, BURST + 5);
        refused.problem(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        api.get("/api/v1/sites", patient).expect(200);
    }

    @Test
    void aSiteTakesAtMostTheConfiguredNumberOfWebhooks() {
        String key = api.newAccount();
        String site = api.newSite(key);
        api.newWebhook(key, site);
        api.newWebhook(key, site);
        Map<String, String> before = Http.fingerprint();

        JsonNode problem = api.post("/api/v1/sites/" + site + "/webhooks", key, json("name", "third", "url", HOOK_URL))
                .problem(422);

        assertThat(problem.get("errors").get("site_id").get(0).asText()).contains("maximum of 2 webhooks");
        assertThat(Http.fingerprint()).isEqualTo(before);
    }

    @Test
    void aWebhookTakesAtMostTheConfiguredNumberOfTriggers() {
        String key = api.newAccount();
        String site = api.newSite(key);
        String webhook = api.newWebhook(key, site);
        api.newTrigger(key, site, webhook);
        api.newTrigger(key, site, webhook);
        Map<String, String> before = Http.fingerprint();

        JsonNode problem = api.post("/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers", key,
                json("trigger_type", "visitor_spike", "threshold", 3)).problem(422);

        assertThat(problem.get("errors").get("webhook_id").get(0).asText()).contains("maximum of 2 triggers");
        assertThat(Http.fingerprint()).isEqualTo(before);
    }
}
