package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.HOOK_URL;
import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed input on every endpoint: each answers a 4xx problem+json (naming the field
 * where there is one), never a 500, and leaves every table exactly as it was (row counts and an md5
 * of the rows, so an UPDATE would show too).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputTest {
    static final DropwizardAppExtension<AppConfiguration> APP = HardeningApp.extension();
    private static final String MIB_STRING = "x".repeat(1_000_000);
    private static Http api;
    private static String key;
    private static String site;
    private static String webhook;
    private static String trigger;

    @BeforeAll
    static void fixtures() {
        LogCapture.attach();
        api = new Http(APP::getLocalPort);
        key = api.newAccount();
        site = api.newSite(key);
        webhook = api.newWebhook(key, site);
        trigger = api.newTrigger(key, site, webhook);
        api.newGoal(key, site);
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    private static Arguments bad(String what, String method, String path, String body, int status, String field) {
        return Arguments.of(what, method, path, body, status, field);
    }

    private static String nested(int depth, String open, String close, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    static Stream<Arguments> hostileInputs() {
        String sites = "/api/v1/sites";
        String goals = "/api/v1/sites/{site}/goals";
        String hooks = "/api/v1/sites/{site}/webhooks";
        String hook = hooks + "/{webhook}";
        String triggers = hook + "/triggers";
        String triggerPath = triggers + "/{trigger}";
        String event = "/api/event";
        return Stream.of(
                // sites
                bad("null domain", "POST", sites, "{\"domain\":null}", 422, "domain"),
                bad("number as domain", "POST", sites, "{\"domain\":123}", 422, "domain"),
                bad("1 MB domain", "POST", sites, json("domain", MIB_STRING), 422, "domain"),
                bad("RTL override in domain", "POST", sites, json("domain", "exa\u202Eelpm.com"), 422, "domain"),
                bad("NUL in domain", "POST", sites, json("domain", "exa\u0000mple.com"), 422, "domain"),
                bad("SQL injection domain", "POST", sites, json("domain", "x.com'); DROP TABLE sites;--"), 422, "domain"),
                bad("path traversal domain", "POST", sites, json("domain", "../../etc/passwd"), 422, "domain"),
                bad("unknown time zone", "POST", sites, json("domain", "tz.example.com", "timezone", "Mars/Olympus"), 422, "timezone"),
                bad("number as time zone", "POST", sites, "{\"domain\":\"tz2.example.com\",\"timezone\":5}", 422, "timezone"),
                bad("huge number domain", "POST", sites, "{\"domain\":1e400}", 422, "domain"),
                bad("array body", "POST", sites, "[]", 400, null),
                bad("null body", "POST", sites, "null", 400, null),
                bad("scalar body", "POST", sites, "\"example.com\"", 400, null),
                bad("10k nested arrays", "POST", sites, "{\"domain\":" + nested(10_000, "[", "]", "1") + "}", 422, "domain"),
                bad("10k nested objects", "POST", sites, nested(10_000, "{\"a\":", "}", "1"), 400, null),
                bad("duplicate keys", "POST", sites, "{\"domain\":\"a.example.com\",\"domain\":\"b.example.com\"}", 400, null),
                bad("truncated JSON", "POST", sites, "{\"domain\":\"a.example.com\"", 400, null),
                bad("body over 1 MiB", "POST", sites, json("domain", "y".repeat(1_100_000)), 413, null),
                bad("lone surrogate", "POST", sites, "{\"domain\":\"\\ud800.example.com\"}", 422, "domain"),
                // goals
                bad("empty goal", "POST", goals, "{}", 422, null),
                bad("goal with both kinds", "POST", goals, json("event_name", "a", "page_path", "/a"), 422, null),
                bad("1 MB event name", "POST", goals, json("event_name", MIB_STRING), 422, "event_name"),
                bad("NUL in event name", "POST", goals, json("event_name", "Sign\u0000up"), 422, "event_name"),
                bad("object as event name", "POST", goals, "{\"event_name\":{\"$ne\":1}}", 422, "event_name"),
                bad("path traversal page path", "POST", goals, json("page_path", "../../etc/passwd"), 422, "page_path"),
                bad("goal on traversal site id", "POST", "/api/v1/sites/..%2F..%2Fetc/goals", json("event_name", "a"), 400, null),
                // webhooks: SSRF encodings and URL tricks
                bad("decimal IP", "POST", hooks, json("name", "n", "url", "https://2130706433/"), 422, "url"),
                bad("hex IP", "POST", hooks, json("name", "n", "url", "https://0x7f.1/"), 422, "url"),
                bad("octal IP", "POST", hooks, json("name", "n", "url", "https://017700000001/"), 422, "url"),
                bad("short IP", "POST", hooks, json("name", "n", "url", "https://127.1/"), 422, "url"),
                bad("zero IP", "POST", hooks, json("name", "n", "url", "https://0/"), 422, "url"),
                bad("IPv6 zone id", "POST", hooks, json("name", "n", "url", "https://[fe80::1%25eth0]/"), 422, "url"),
                bad("IPv4-mapped IPv6 loopback", "POST", hooks, json("name", "n", "url", "https://[::ffff:127.0.0.1]/"), 422, "url"),
                bad("@ trick", "POST", hooks, json("name", "n", "url", "https://93.184.215.14@127.0.0.1/"), 422, "url"),
                bad("# @ trick", "POST", hooks, json("name", "n", "url", "https://127.0.0.1#@93.184.215.14/"), 422, "url"),
                bad("IDN homograph", "POST", hooks, json("name", "n", "url", "https://раураl.com/hook"), 422, "url"),
                bad("localhost", "POST", hooks, json("name", "n", "url", "https://localhost/hook"), 422, "url"),
                bad("CRLF in URL", "POST", hooks, json("name", "n", "url", HOOK_URL + "\r\nX-Injected: 1"), 422, "url"),
                bad("file URL", "POST", hooks, json("name", "n", "url", "file:///etc/passwd"), 422, "url"),
                bad("port out of range", "POST", hooks, json("name", "n", "url", "https://93.184.215.14:99999/"), 422, "url"),
                bad("metadata address", "POST", hooks, json("name", "n", "url", "https://169.254.169.254/"), 422, "url"),
                bad("header injection in name", "POST", hooks, json("name", "a\r\nX-Evil: 1", "url", HOOK_URL), 422, "name"),
                bad("NUL in name", "POST", hooks, json("name", "a\u0000b", "url", HOOK_URL), 422, "name"),
                bad("number as name", "POST", hooks, json("name", 12345, "url", HOOK_URL), 422, "name"),
                bad("1 MB secret", "POST", hooks, json("name", "n", "url", HOOK_URL, "secret", MIB_STRING), 422, "secret"),
                bad("string as enabled", "POST", hooks, json("name", "n", "url", HOOK_URL, "enabled", "yes"), 422, "enabled"),
                bad("private URL on PATCH", "PATCH", hook, json("url", "https://10.0.0.1/"), 422, "url"),
                bad("empty name on PATCH", "PATCH", hook, json("name", ""), 422, "name"),
                bad("array on PATCH", "PATCH", hook, "[1,2]", 400, null),
                bad("short secret on rotate", "POST", hook + "/secret/rotate", json("secret", "short"), 422, "secret"),
                bad("number secret on rotate", "POST", hook + "/secret/rotate", "{\"secret\":1234}", 422, "secret"),
                // triggers
                bad("1e308 threshold", "POST", triggers, "{\"trigger_type\":\"visitor_spike\",\"threshold\":1e308}", 422, "threshold"),
                bad("NaN threshold", "POST", triggers, json("trigger_type", "visitor_spike", "threshold", "NaN"), 422, "threshold"),
                bad("2^63 threshold", "POST", triggers, "{\"trigger_type\":\"visitor_spike\",\"threshold\":9223372036854775808}", 422, "threshold"),
                bad("negative zero threshold", "POST", triggers, "{\"trigger_type\":\"visitor_spike\",\"threshold\":-0}", 422, "threshold"),
                bad("SQL injection type", "POST", triggers, json("trigger_type", "visitor_spike'; DROP TABLE webhook_triggers;--", "threshold", 5), 422, "trigger_type"),
                bad("deeply nested params", "POST", triggers, "{\"trigger_type\":\"visitor_spike\",\"threshold\":5,\"params\":" + nested(5_000, "{\"a\":", "}", "1") + "}", 422, "params"),
                bad("path traversal goal id", "POST", triggers, json("trigger_type", "goal_completion", "goal_id", "../../etc/passwd"), 422, "goal_id"),
                bad("string threshold on PATCH", "PATCH", triggerPath, json("threshold", "ten"), 422, "threshold"),
                // ids and accounts
                bad("traversal site id", "GET", "/api/v1/sites/..%2F..%2Fetc%2Fpasswd", null, 400, null),
                bad("SQL injection site id", "DELETE", "/api/v1/sites/'%20OR%20'1'='1", null, 404, null),
                bad("NUL webhook id", "GET", hooks + "/%00", null, 400, null),
                bad("not a UUID key id", "DELETE", "/api/v1/api-keys/not-a-uuid", null, 404, null),
                bad("number key name", "POST", "/api/v1/api-keys", "{\"name\":5}", 422, "name"),
                bad("wrong content type", "POST", sites, "domain=example.com", 415, null),
                // the public Events API
                bad("empty event", "POST", event, "{}", 400, "name"),
                bad("10 kB URL event", "POST", event, json("name", "pageview", "url", "https://x.example.com/" + "a".repeat(10_000), "domain", "x.example.com"), 400, "url"),
                bad("1 MB event name", "POST", event, json("name", MIB_STRING, "url", "https://x.example.com/", "domain", "x.example.com"), 400, "name"),
                bad("number event name", "POST", event, "{\"n\":5,\"u\":\"https://x.example.com/\",\"d\":\"x.example.com\"}", 400, "name"),
                bad("not JSON event", "POST", event, "name=pageview", 400, null),
                bad("nested props event", "POST", event, "{\"name\":\"pageview\",\"url\":\"https://x.example.com/\",\"domain\":\"x.example.com\",\"props\":" + nested(5_000, "{\"a\":", "}", "1") + "}", 400, null),
                bad("array event", "POST", event, "[1]", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void hostileInputAnswersAProblemAndChangesNothing(String what, String method, String pathTemplate, String body,
                                                      int status, String field) {
        String path = pathTemplate.replace("{site}", site).replace("{webhook}", webhook).replace("{trigger}", trigger);
        Map<String, String> before = Http.fingerprint();

        Http.Answer answer = what.equals("wrong content type")
                ? api.send(method, path, key, "text/plain", body, Map.of())
                : api.send(method, path, key, body);

        JsonNode problem = answer.problem(status);
        if (field != null) {
            assertThat(problem.has("errors")).as(answer.raw().body()).isTrue();
            assertThat(problem.get("errors").has(field)).as("names %s: %s", field, answer.raw().body()).isTrue();
        }
        assertThat(Http.fingerprint()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void overlongUtf8IsRefusedAndChangesNothing() {
        Map<String, String> before = Http.fingerprint();
        byte[] prefix = "{\"domain\":\"a".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = ".example.com\"}".getBytes(StandardCharsets.US_ASCII);
        // 0xC0 0xAF: an overlong encoding of '/', which a lenient decoder would turn into a slash.
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC0;
        body[prefix.length + 1] = (byte) 0xAF;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        Http.Answer answer = api.sendBytes("POST", "/api/v1/sites", key, body);

        assertThat(answer.status()).as(answer.raw().body()).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Http.fingerprint()).isEqualTo(before);
    }
}
