package io.plausiblewebhooks.app.api;

import static io.plausiblewebhooks.app.api.ApiClient.ADMIN_KEY;
import static io.plausiblewebhooks.app.api.ApiClient.HOOK_URL;
import static io.plausiblewebhooks.app.api.ApiClient.json;
import static io.plausiblewebhooks.app.api.ApiClient.rowCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.api.ApiClient.Answer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication, tenant isolation, secrets and the life of a site through the public API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiBehaviourTest {
    private static final DropwizardAppExtension<AppConfiguration> APP = ApiClient.application();

    private static ApiClient api;

    /** The test database is shared by the test classes of this JVM: leave it empty for the next. */
    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @BeforeAll
    static void connect() {
        api = new ApiClient(APP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "Bearer pwk_not_a_key", "Basic YWRtaW46YWRtaW4=", "pwk_api_test_admin_key_0123456789"})
    void refusesMissingOrBadCredentialsWith401(String authorization) {
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + APP.getLocalPort() + "/api/v1/sites"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        Answer answer = send(request);

        answer.problem(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void refusesEveryApiPathWithoutKey() {
        api.get("/api/v1/trigger-types", null).problem(401);
        api.get("/api/v1/no-such-thing", null).problem(401);
        api.post("/api/v1/accounts", null, json("name", "x")).problem(401);
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        String key = api.newAccount();
        Answer second = api.post("/api/v1/api-keys", key, json("name", "ci")).expect(201);
        String secondKey = second.json().get("key").asText();
        api.get("/api/v1/sites", secondKey).expect(200);

        api.delete("/api/v1/api-keys/" + second.id(), key).expect(204);

        api.get("/api/v1/sites", secondKey).problem(401);
        api.get("/api/v1/sites", key).expect(200);
    }

    @Test
    void cannotRevokeAnotherAccountsKey() {
        String alice = api.newAccount();
        String bob = api.newAccount();
        Answer aliceKey = api.post("/api/v1/api-keys", alice, json("name", "ci")).expect(201);

        api.delete("/api/v1/api-keys/" + aliceKey.id(), bob).problem(404);

        api.get("/api/v1/sites", aliceKey.json().get("key").asText()).expect(200);
    }

    @Test
    void onlyAdminCreatesAccounts() {
        String tenant = api.newAccount();
        Map<String, Long> before = rowCounts();

        api.post("/api/v1/accounts", tenant, json("name", "sneaky")).problem(403);

        assertThat(rowCounts()).isEqualTo(before);
        JsonNode created = api.post("/api/v1/accounts", ADMIN_KEY, json("name", "Acme")).expect(201).json();
        assertThat(created.get("name").asText()).isEqualTo("Acme");
        assertThat(created.get("id").asText()).isNotBlank();
        assertThat(created.get("api_key").asText()).isNotBlank();
    }

    @Test
    void storesOnlyHashesOfApiKeys() {
        String key = api.newAccount();

        long plainTextRows = TestDatabase.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM api_keys WHERE key_hash = :key").bind("key", key).mapTo(Long.class).one());

        assertThat(plainTextRows).isZero();
    }

    @Test
    void walksThroughSiteGoalWebhookTriggerWithContractFields() {
        String key = api.newAccount();
        String domain = ApiClient.uniqueDomain();

        JsonNode site = api.post("/api/v1/sites", key, json("domain", domain, "timezone", "Europe/Berlin"))
                .expect(201).json();
        assertThat(site.get("domain").asText()).isEqualTo(domain);
        assertThat(site.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(site.get("inserted_at").asText()).endsWith("Z");
        String siteId = site.get("id").asText();
        assertThat(api.get("/api/v1/sites", key).json().get("data")).singleElement()
                .satisfies(s -> assertThat(s).isEqualTo(site));
        assertThat(api.get("/api/v1/sites/" + siteId, key).expect(200).json()).isEqualTo(site);

        JsonNode goal = api.post("/api/v1/sites/" + siteId + "/goals", key, json("page_path", "/pricing*"))
                .expect(201).json();
        assertThat(goal.get("site_id").asText()).isEqualTo(siteId);
        assertThat(goal.get("event_name").isNull()).isTrue();
        assertThat(goal.get("page_path").asText()).isEqualTo("/pricing*");
        assertThat(goal.get("display_name").asText()).isNotBlank();

        JsonNode webhook = api.post("/api/v1/sites/" + siteId + "/webhooks", key,
                json("name", "Team Slack", "url", HOOK_URL)).expect(201).json();
        assertThat(webhook.get("secret").asText()).startsWith("whsec_");
        assertThat(webhook.get("enabled").asBoolean()).isTrue();
        assertThat(webhook.get("disabled_reason").isNull()).isTrue();
        assertThat(webhook.get("updated_at").asText()).endsWith("Z");
        String webhookPath = "/api/v1/sites/" + siteId + "/webhooks/" + webhook.get("id").asText();

        JsonNode trigger = api.post(webhookPath + "/triggers", key,
                json("trigger_type", "goal_completion", "goal_id", goal.get("id").asText())).expect(201).json();
        assertThat(trigger.get("webhook_id").asText()).isEqualTo(webhook.get("id").asText());
        assertThat(trigger.get("trigger_type").asText()).isEqualTo("goal_completion");
        assertThat(trigger.get("threshold").isNull()).isTrue();
        assertThat(trigger.get("enabled").asBoolean()).isTrue();
        assertThat(trigger.get("params").isObject()).isTrue();
        assertThat(trigger.get("inserted_at").asText()).endsWith("Z");

        JsonNode changed = api.patch(webhookPath + "/triggers/" + trigger.get("id").asText(), key,
                json("threshold", 3, "enabled", false)).expect(200).json();
        assertThat(changed.get("threshold").asInt()).isEqualTo(3);
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(api.get(webhookPath + "/triggers", key).json().get("data")).singleElement()
                .satisfies(t -> assertThat(t).isEqualTo(changed));

        JsonNode disabled = api.patch(webhookPath, key, json("enabled", false, "name", "Renamed")).expect(200).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("disabled_reason").asText()).isNotBlank();
        assertThat(disabled.get("name").asText()).isEqualTo("Renamed");
        JsonNode enabled = api.patch(webhookPath, key, json("enabled", true)).expect(200).json();
        assertThat(enabled.get("disabled_reason").isNull()).isTrue();

        api.delete(webhookPath + "/triggers/" + trigger.get("id").asText(), key).expect(204);
        assertThat(api.get(webhookPath + "/triggers", key).json().get("data")).isEmpty();
        api.delete("/api/v1/sites/" + siteId + "/goals/" + goal.get("id").asText(), key).expect(204);
        assertThat(api.get("/api/v1/sites/" + siteId + "/goals", key).json().get("data")).isEmpty();
    }

    @Test
    void refusesTakenDomainWith409() {
        String alice = api.newAccount();
        String bob = api.newAccount();
        String domain = ApiClient.uniqueDomain();
        api.post("/api/v1/sites", alice, json("domain", domain)).expect(201);
        Map<String, Long> before = rowCounts();

        api.post("/api/v1/sites", bob, json("domain", domain.toUpperCase())).problem(409);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void neverShowsSecretInListOrGet() {
        String key = api.newAccount();
        String site = api.newSite(key);
        Answer created = api.post("/api/v1/sites/" + site + "/webhooks", key,
                json("name", "x", "url", HOOK_URL, "secret", "my-very-own-secret-42")).expect(201);
        assertThat(created.json().get("secret").asText()).isEqualTo("my-very-own-secret-42");
        String path = "/api/v1/sites/" + site + "/webhooks/" + created.id();

        Answer list = api.get("/api/v1/sites/" + site + "/webhooks", key).expect(200);
        Answer read = api.get(path, key).expect(200);
        Answer patched = api.patch(path, key, json("name", "y")).expect(200);

        for (Answer answer : new Answer[] {list, read, patched}) {
            assertThat(answer.raw().body()).doesNotContain("my-very-own-secret-42").doesNotContain("\"secret\"");
        }
        assertThat(api.get(path + "/secret", key).expect(200).json().get("secret").asText())
                .isEqualTo("my-very-own-secret-42");
    }

    @Test
    void rotatesSecretKeepingTheOldOneForADay() {
        String key = api.newAccount();
        String site = api.newSite(key);
        String webhook = api.post("/api/v1/sites/" + site + "/webhooks", key,
                json("name", "x", "url", HOOK_URL, "secret", "first-secret-0123456789")).expect(201).id();
        String path = "/api/v1/sites/" + site + "/webhooks/" + webhook + "/secret";

        String generated = api.send("POST", path + "/rotate", key, "application/json", BodyPublishers.ofString("{}"))
                .expect(200).json().get("secret").asText();
        assertThat(generated).startsWith("whsec_");
        assertThat(api.get(path, key).json().get("secret").asText()).isEqualTo(generated);

        String chosen = api.post(path + "/rotate", key, json("secret", "second-secret-0123456789")).expect(200)
                .json().get("secret").asText();
        assertThat(chosen).isEqualTo("second-secret-0123456789");

        Map<String, Object> stored = TestDatabase.jdbi().withHandle(h -> h.createQuery(
                        "SELECT previous_secret, extract(epoch FROM previous_secret_expires_at - updated_at) AS overlap"
                                + " FROM webhooks WHERE id = :id")
                .bind("id", java.util.UUID.fromString(webhook)).mapToMap().one());
        // Stored sealed under api-test.yml's encryption key; it opens to the generated secret.
        String sealed = (String) stored.get("previous_secret");
        assertThat(sealed).startsWith("enc:v1:").doesNotContain(generated);
        assertThat(new io.plausiblewebhooks.adapter.persistence.SecretBox(java.util.Base64.getDecoder()
                .decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), java.util.List.of())
                .open(sealed, io.plausiblewebhooks.adapter.persistence.JdbiWebhookRepository.context(
                        io.plausiblewebhooks.domain.WebhookId.parse(webhook), "previous_secret")))
                .isEqualTo(generated);
        assertThat(((Number) stored.get("overlap")).longValue()).isEqualTo(24 * 60 * 60);
    }

    @ParameterizedTest
    @CsvSource({"GET", "PATCH", "DELETE"})
    void hidesEveryResourceOfAnotherAccountAs404(String method) {
        String alice = api.newAccount();
        String bob = api.newAccount();
        String site = api.newSite(alice);
        String goal = api.newGoal(alice, site);
        String webhook = api.newWebhook(alice, site);
        String trigger = api.newTrigger(alice, site, webhook);
        String sitePath = "/api/v1/sites/" + site;
        String webhookPath = sitePath + "/webhooks/" + webhook;
        Map<String, Long> before = rowCounts();
        JsonNode webhookBefore = api.get(webhookPath, alice).json();

        String[] paths = switch (method) {
            case "GET" -> new String[] {sitePath, sitePath + "/goals", sitePath + "/webhooks", webhookPath,
                    webhookPath + "/secret", webhookPath + "/triggers"};
            case "PATCH" -> new String[] {webhookPath, webhookPath + "/triggers/" + trigger};
            default -> new String[] {sitePath, sitePath + "/goals/" + goal, webhookPath,
                    webhookPath + "/triggers/" + trigger};
        };
        for (String path : paths) {
            api.send(method, path, bob, "application/json",
                    BodyPublishers.ofString(json("name", "taken", "threshold", 99, "enabled", false))).problem(404);
        }
        api.post(sitePath + "/goals", bob, json("event_name", "x")).problem(404);
        api.post(sitePath + "/webhooks", bob, json("name", "x", "url", HOOK_URL)).problem(404);
        api.post(webhookPath + "/triggers", bob, json("trigger_type", "visitor_spike", "threshold", 1)).problem(404);
        api.post(webhookPath + "/secret/rotate", bob, "{}").problem(404);
        assertThat(api.get("/api/v1/sites", bob).json().get("data")).isEmpty();

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(api.get(webhookPath, alice).json()).isEqualTo(webhookBefore);
    }

    @Test
    void deletingSiteDeletesEverythingBelowIt() {
        String key = api.newAccount();
        String site = api.newSite(key);
        api.newGoal(key, site);
        String webhook = api.newWebhook(key, site);
        api.newTrigger(key, site, webhook);
        Map<String, Long> before = rowCounts();

        api.delete("/api/v1/sites/" + site, key).expect(204);

        Map<String, Long> after = rowCounts();
        assertThat(after.get("sites")).isEqualTo(before.get("sites") - 1);
        assertThat(after.get("goals")).isEqualTo(before.get("goals") - 1);
        assertThat(after.get("webhooks")).isEqualTo(before.get("webhooks") - 1);
        assertThat(after.get("webhook_triggers")).isEqualTo(before.get("webhook_triggers") - 1);
        api.get("/api/v1/sites/" + site, key).problem(404);
        api.get("/api/v1/sites/" + site + "/webhooks/" + webhook, key).problem(404);
        api.delete("/api/v1/sites/" + site, key).problem(404);
    }

    @Test
    void deletingWebhookDeletesItsTriggers() {
        String key = api.newAccount();
        String site = api.newSite(key);
        String webhook = api.newWebhook(key, site);
        api.newTrigger(key, site, webhook);
        Map<String, Long> before = rowCounts();

        api.delete("/api/v1/sites/" + site + "/webhooks/" + webhook, key).expect(204);

        assertThat(rowCounts().get("webhook_triggers")).isEqualTo(before.get("webhook_triggers") - 1);
        assertThat(api.get("/api/v1/sites/" + site + "/webhooks", key).json().get("data")).isEmpty();
    }

    @Test
    void listsTriggerTypesWithTheirParameters() {
        JsonNode types = api.get("/api/v1/trigger-types", api.newAccount()).expect(200).json().get("data");

        assertThat(types.findValuesAsText("type")).contains("visitor_spike", "goal_completion");
        for (JsonNode type : types) {
            assertThat(type.get("description").asText()).isNotBlank();
            assertThat(type.get("version").asText()).isNotBlank();
            assertThat(type.get("params").isArray()).isTrue();
        }
    }

    @Test
    void marksAnswersNoSniffAndHidesServerVersion() {
        Answer answer = api.get("/api/v1/sites", api.newAccount());

        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Server")).isNull();
    }

    private static Answer send(java.net.http.HttpRequest.Builder request) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request.GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
