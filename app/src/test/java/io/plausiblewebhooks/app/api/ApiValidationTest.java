package io.plausiblewebhooks.app.api;

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
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected input answers problem+json naming the field (or the right status), and leaves the
 * database exactly as it was.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiValidationTest {
    private static final DropwizardAppExtension<AppConfiguration> APP = ApiClient.application();

    private static ApiClient api;
    private static String key;
    private static String site;
    private static String webhook;
    private static String trigger;
    private static String foreignGoal;

    /** The test database is shared by the test classes of this JVM: leave it empty for the next. */
    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @BeforeAll
    static void createFixtures() {
        api = new ApiClient(APP);
        key = api.newAccount();
        site = api.newSite(key);
        webhook = api.newWebhook(key, site);
        trigger = api.newTrigger(key, site, webhook);
        foreignGoal = api.newGoal(key, api.newSite(key));
    }

    static Stream<Arguments> invalidWebhooks() {
        return Stream.of(
                Arguments.of(json("name", "x", "url", "http://93.184.215.14/hook"), "url"),
                Arguments.of(json("name", "x", "url", "javascript:alert(1)"), "url"),
                Arguments.of(json("name", "x", "url", "https://user:pw@93.184.215.14/hook"), "url"),
                Arguments.of(json("name", "x", "url", "https:///hook"), "url"),
                Arguments.of(json("name", "x", "url", "https://93.184.215.14/" + "a".repeat(2049 - 22)), "url"),
                Arguments.of(json("name", "x", "url", "https://127.0.0.1/hook"), "url"),
                Arguments.of(json("name", "x", "url", "https://10.1.2.3/hook"), "url"),
                Arguments.of(json("name", "x", "url", "https://169.254.169.254/latest/meta-data"), "url"),
                Arguments.of(json("name", "x", "url", "https://[::1]/hook"), "url"),
                Arguments.of(json("name", "x", "url", HOOK_URL, "secret", "a".repeat(15)), "secret"),
                Arguments.of(json("name", "x", "url", HOOK_URL, "secret", "a".repeat(256)), "secret"),
                Arguments.of(json("name", "x", "url", HOOK_URL, "secret", 1234567890123456789L), "secret"),
                Arguments.of(json("url", HOOK_URL), "name"),
                Arguments.of(json("name", "", "url", HOOK_URL), "name"),
                Arguments.of(json("name", "n".repeat(256), "url", HOOK_URL), "name"),
                Arguments.of(json("name", "x"), "url"),
                Arguments.of(json("name", "x", "url", 5), "url"),
                Arguments.of(json("name", "x", "url", Map.of("href", HOOK_URL)), "url"),
                Arguments.of(json("name", "x", "url", HOOK_URL, "enabled", "true"), "enabled"));
    }

    @ParameterizedTest
    @MethodSource("invalidWebhooks")
    void rejectsInvalidWebhookNamingTheFieldAndChangesNothing(String body, String field) {
        Map<String, Long> before = rowCounts();

        api.post("/api/v1/sites/" + site + "/webhooks", key, body).invalid(field);

        assertThat(rowCounts()).isEqualTo(before);
    }

    static Stream<Arguments> invalidTriggers() {
        return Stream.of(
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", "5"), "threshold"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", 0), "threshold"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", -1), "threshold"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", 5.5), "threshold"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", 99999999999L), "threshold"),
                Arguments.of(json("trigger_type", "visitor_spike"), "threshold"),
                Arguments.of(json("trigger_type", "goal_completion"), "goal_id"),
                Arguments.of(json("trigger_type", "goal_completion", "goal_id", "not-a-uuid"), "goal_id"),
                Arguments.of(json("trigger_type", "goal_completion", "goal_id", "00000000-0000-0000-0000-000000000001"),
                        "goal_id"),
                Arguments.of(json("trigger_type", "no_such_type", "threshold", 5), "trigger_type"),
                Arguments.of(json("threshold", 5), "trigger_type"),
                Arguments.of(json("trigger_type", 5, "threshold", 5), "trigger_type"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", 5, "params", "x"), "params"),
                Arguments.of(json("trigger_type", "visitor_spike", "threshold", 5, "enabled", 1), "enabled"));
    }

    @ParameterizedTest
    @MethodSource("invalidTriggers")
    void rejectsInvalidTriggerNamingTheFieldAndChangesNothing(String body, String field) {
        Map<String, Long> before = rowCounts();

        api.post(triggersPath(), key, body).invalid(field);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void rejectsGoalOfAnotherSiteOnGoalId() {
        Map<String, Long> before = rowCounts();

        api.post(triggersPath(), key, json("trigger_type", "goal_completion", "goal_id", foreignGoal)).invalid("goal_id");

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void namesKnownTypesWhenTypeIsUnknown() {
        JsonNode messages = api.post(triggersPath(), key, json("trigger_type", "no_such_type", "threshold", 5))
                .invalid("trigger_type");

        assertThat(messages.get(0).asText()).contains("visitor_spike", "goal_completion");
    }

    static Stream<Arguments> invalidSitesAndGoals() {
        return Stream.of(
                Arguments.of("/api/v1/sites", "{}", "domain"),
                Arguments.of("/api/v1/sites", json("domain", "https://example.com/x"), "domain"),
                Arguments.of("/api/v1/sites", json("domain", 5), "domain"),
                Arguments.of("/api/v1/sites", json("domain", ApiClient.uniqueDomain(), "timezone", "Mars/Base"),
                        "timezone"),
                Arguments.of("goals", "{}", "event_name"),
                Arguments.of("goals", json("page_path", "pricing"), "page_path"),
                Arguments.of("goals", json("event_name", 5), "event_name"),
                Arguments.of("goals", json("event_name", "Signup", "display_name", "d".repeat(256)), "display_name"));
    }

    @ParameterizedTest
    @MethodSource("invalidSitesAndGoals")
    void rejectsInvalidSiteOrGoalNamingTheFieldAndChangesNothing(String path, String body, String field) {
        Map<String, Long> before = rowCounts();

        api.post(path.equals("goals") ? "/api/v1/sites/" + site + "/goals" : path, key, body).invalid(field);

        assertThat(rowCounts()).isEqualTo(before);
    }

    static Stream<Arguments> invalidChanges() {
        return Stream.of(
                Arguments.of("webhook", json("url", "http://93.184.215.14/hook"), "url"),
                Arguments.of("webhook", json("url", "https://192.168.1.1/hook"), "url"),
                Arguments.of("webhook", json("name", ""), "name"),
                Arguments.of("webhook", json("enabled", "no"), "enabled"),
                Arguments.of("trigger", json("threshold", 0), "threshold"),
                Arguments.of("trigger", json("threshold", "3"), "threshold"),
                Arguments.of("trigger", json("params", "x"), "params"),
                Arguments.of("rotate", json("secret", "short"), "secret"));
    }

    @ParameterizedTest
    @MethodSource("invalidChanges")
    void rejectsInvalidChangeAndKeepsTheStoredState(String target, String body, String field) {
        String webhookPath = "/api/v1/sites/" + site + "/webhooks/" + webhook;
        JsonNode webhookBefore = api.get(webhookPath, key).expect(200).json();
        JsonNode triggersBefore = api.get(triggersPath(), key).expect(200).json();
        JsonNode secretBefore = api.get(webhookPath + "/secret", key).expect(200).json();

        Answer answer = switch (target) {
            case "webhook" -> api.patch(webhookPath, key, body);
            case "trigger" -> api.patch(triggersPath() + "/" + trigger, key, body);
            default -> api.post(webhookPath + "/secret/rotate", key, body);
        };

        answer.invalid(field);
        assertThat(api.get(webhookPath, key).json()).isEqualTo(webhookBefore);
        assertThat(api.get(triggersPath(), key).json()).isEqualTo(triggersBefore);
        assertThat(api.get(webhookPath + "/secret", key).json()).isEqualTo(secretBefore);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":",
            "{\"name\":\"x\",}",
            "not json",
            "[]",
            "{\"name\":\"x\",\"name\":\"y\",\"url\":\"https://93.184.215.14/hook\"}",
    })
    void answersMalformedJsonWith400AndChangesNothing(String body) {
        Map<String, Long> before = rowCounts();

        api.post("/api/v1/sites/" + site + "/webhooks", key, body).problem(400);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void answersWrongContentTypeWith415() {
        Map<String, Long> before = rowCounts();

        api.send("POST", "/api/v1/sites", key, "text/plain", BodyPublishers.ofString(json("domain", "a.example.com")))
                .problem(415);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void answersBodyOverOneMebibyteWith413() {
        Map<String, Long> before = rowCounts();

        api.sendAlone("POST", "/api/v1/sites/" + site + "/webhooks", key, "application/json",
                BodyPublishers.ofByteArray(oversizedWebhook())).problem(413);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void answersChunkedBodyOverOneMebibyteWith413() {
        Map<String, Long> before = rowCounts();
        byte[] body = oversizedWebhook();

        api.sendAlone("POST", "/api/v1/sites/" + site + "/webhooks", key, "application/json",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).problem(413);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/sites/not-a-uuid",
            "DELETE, /api/v1/sites/not-a-uuid",
            "GET, /api/v1/sites/not-a-uuid/goals",
            "GET, /api/v1/sites/{site}/webhooks/not-a-uuid",
            "PATCH, /api/v1/sites/{site}/webhooks/not-a-uuid",
            "DELETE, /api/v1/sites/{site}/webhooks/not-a-uuid",
            "GET, /api/v1/sites/{site}/webhooks/not-a-uuid/secret",
            "POST, /api/v1/sites/{site}/webhooks/not-a-uuid/secret/rotate",
            "GET, /api/v1/sites/{site}/webhooks/not-a-uuid/triggers",
            "PATCH, /api/v1/sites/{site}/webhooks/{webhook}/triggers/not-a-uuid",
            "DELETE, /api/v1/sites/{site}/webhooks/{webhook}/triggers/not-a-uuid",
            "DELETE, /api/v1/sites/{site}/goals/12345",
            "DELETE, /api/v1/api-keys/not-a-uuid",
            "GET, /api/v1/sites/00000000-0000-0000-0000-000000000001",
            "GET, /api/v1/sites/{site}/webhooks/00000000-0000-0000-0000-000000000001",
            "PATCH, /api/v1/sites/{site}/webhooks/{webhook}/triggers/00000000-0000-0000-0000-000000000001",
            "DELETE, /api/v1/api-keys/00000000-0000-0000-0000-000000000001",
            "GET, /api/v1/no-such-collection",
            "GET, /api/v1/sites/{site}/no-such-collection",
    })
    void answersUnknownOrMalformedIdsWith404(String method, String pathTemplate) {
        String path = pathTemplate.replace("{site}", site).replace("{webhook}", webhook);
        Map<String, Long> before = rowCounts();

        api.send(method, path, key, "application/json", BodyPublishers.ofString("{\"threshold\":3}")).problem(404);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void answersUnsupportedMethodWith405() {
        Answer answer = api.send("PUT", "/api/v1/sites/" + site, key, "application/json",
                BodyPublishers.ofString(json("domain", "x.example.com")));

        answer.problem(405);
        assertThat(answer.header("Allow")).isNotBlank();
    }

    @Test
    void ignoresUnknownFieldsAndDoesNotStoreThem() {
        Answer created = api.post("/api/v1/sites/" + site + "/webhooks", key,
                json("name", "extra", "url", HOOK_URL, "colour", "red", "secret_hash", "x", "id",
                        "00000000-0000-0000-0000-000000000001")).expect(201);

        assertThat(created.json().has("colour")).isFalse();
        assertThat(created.id()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
        JsonNode read = api.get("/api/v1/sites/" + site + "/webhooks/" + created.id(), key).expect(200).json();
        assertThat(read.has("colour")).isFalse();
        assertThat(read.has("secret_hash")).isFalse();
    }

    private static String triggersPath() {
        return "/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers";
    }

    private static byte[] oversizedWebhook() {
        String start = "{\"name\":\"big\",\"url\":\"" + HOOK_URL + "\",\"padding\":\"";
        byte[] body = new byte[1024 * 1024 + 100];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(start.getBytes(), 0, body, 0, start.length());
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }
}
