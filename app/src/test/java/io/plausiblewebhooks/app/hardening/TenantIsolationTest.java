package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.HOOK_URL;
import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint and method with another account's key answers 404, exactly like a missing
 * resource (admin-only ones 403), and changes nothing; a revoked key gets 401 on all of them at once.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TenantIsolationTest {
    static final DropwizardAppExtension<AppConfiguration> APP = HardeningApp.extension();
    private static Http api;
    private static String owner;
    private static String intruder;
    private static String site;
    private static String goal;
    private static String webhook;
    private static String trigger;
    private static String ownersKeyId;

    @BeforeAll
    static void twoTenants() {
        LogCapture.attach();
        api = new Http(APP::getLocalPort);
        owner = api.newAccount();
        intruder = api.newAccount();
        site = api.newSite(owner);
        goal = api.newGoal(owner, site);
        webhook = api.newWebhook(owner, site);
        trigger = api.newTrigger(owner, site, webhook);
        Http.Answer extraKey = api.post("/api/v1/api-keys", owner, json("name", "ci")).expect(201);
        ownersKeyId = extraKey.json().get("id").asText();
        LogCapture.remember(extraKey.json().get("key").asText());
        api.newSite(intruder);
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    static Stream<Arguments> ownedEndpoints() {
        String s = "/api/v1/sites/{site}";
        String w = s + "/webhooks/{webhook}";
        return Stream.of(
                Arguments.of("GET", s, null),
                Arguments.of("DELETE", s, null),
                Arguments.of("POST", s + "/goals", json("event_name", "Steal")),
                Arguments.of("GET", s + "/goals", null),
                Arguments.of("DELETE", s + "/goals/{goal}", null),
                Arguments.of("POST", s + "/webhooks", json("name", "mine now", "url", HOOK_URL)),
                Arguments.of("GET", s + "/webhooks", null),
                Arguments.of("GET", w, null),
                Arguments.of("PATCH", w, json("name", "renamed")),
                Arguments.of("DELETE", w, null),
                Arguments.of("GET", w + "/secret", null),
                Arguments.of("POST", w + "/secret/rotate", "{}"),
                Arguments.of("POST", w + "/triggers", json("trigger_type", "visitor_spike", "threshold", 1)),
                Arguments.of("GET", w + "/triggers", null),
                Arguments.of("PATCH", w + "/triggers/{trigger}", json("threshold", 2)),
                Arguments.of("DELETE", w + "/triggers/{trigger}", null),
                Arguments.of("POST", w + "/test", null),
                Arguments.of("GET", w + "/deliveries", null),
                Arguments.of("DELETE", "/api/v1/api-keys/{key}", null));
    }

    private static String path(String template) {
        return template.replace("{site}", site).replace("{webhook}", webhook).replace("{trigger}", trigger)
                .replace("{goal}", goal).replace("{key}", ownersKeyId);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ownedEndpoints")
    void anotherAccountsKeyGets404AndChangesNothing(String method, String template, String body) {
        Map<String, String> before = Http.fingerprint();

        Http.Answer answer = api.send(method, path(template), intruder, body);

        answer.problem(404);
        assertThat(answer.raw().body()).doesNotContain(site).doesNotContain(webhook);
        assertThat(Http.fingerprint()).isEqualTo(before);
        // The owner still has it all.
        api.get(path("/api/v1/sites/{site}/webhooks/{webhook}/triggers"), owner).expect(200);
    }

    @Test
    void listsShowOnlyTheCallersOwnSites() {
        String listed = api.get("/api/v1/sites", intruder).expect(200).raw().body();

        assertThat(listed).doesNotContain(site);
        assertThat(api.get("/api/v1/sites", owner).expect(200).raw().body()).contains(site);
    }

    @Test
    void onlyTheAdminCreatesAccounts() {
        Map<String, String> before = Http.fingerprint();

        api.post("/api/v1/accounts", owner, json("name", "escalation")).problem(403);

        assertThat(Http.fingerprint()).isEqualTo(before);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceEverywhere() {
        Http.Answer created = api.post("/api/v1/api-keys", owner, json("name", "short-lived")).expect(201);
        String revoked = created.json().get("key").asText();
        LogCapture.remember(revoked);
        api.get("/api/v1/sites", revoked).expect(200);

        api.send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asText(), owner, null).expect(204);

        Map<String, String> before = Http.fingerprint();
        ownedEndpoints().forEach(endpoint -> {
            Object[] args = endpoint.get();
            api.send((String) args[0], path((String) args[1]), revoked, (String) args[2]).problem(401);
        });
        api.get("/api/v1/sites", revoked).problem(401);
        api.post("/api/v1/sites", revoked, json("domain", "late.example.com")).problem(401);
        assertThat(Http.fingerprint()).isEqualTo(before);
    }
}
