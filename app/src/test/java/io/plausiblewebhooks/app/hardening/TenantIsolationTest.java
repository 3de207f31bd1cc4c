package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.HOOK_URL;
import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * The matrix is checked against the endpoints the REST adapter actually serves.
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
    private static String delivery;
    private static String intrudersSite;

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
        intrudersSite = api.newSite(intruder);
        delivery = aDeliveryOf(webhook);
    }

    /** A recorded attempt of the owner's webhook (the webhook's URL is not reachable from a test). */
    private static String aDeliveryOf(String webhook) {
        UUID message = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        TestDatabase.jdbi().useHandle(h -> {
            h.execute("INSERT INTO webhook_messages (id, webhook_id, event_type, payload, status, attempts, next_attempt_at)"
                    + " VALUES (?, ?::uuid, 'webhook.test', '{}', 'failed', 1, now())", message, webhook);
            h.execute("INSERT INTO webhook_deliveries (id, webhook_id, message_id, payload, status_code, response_body,"
                    + " attempt, success, error_message, duration_ms, inserted_at)"
                    + " VALUES (?, ?::uuid, ?, CAST('{}' AS jsonb), 500, 'no', 1, false, 'HTTP 500', 12, now())",
                    delivery, webhook, message);
        });
        return delivery.toString();
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    /** Every endpoint that addresses a resource of an account, with a body it would accept from the owner. */
    static Stream<Arguments> ownedEndpoints() {
        String s = "/api/v1/sites/{site_id}";
        String w = s + "/webhooks/{webhook_id}";
        return Stream.of(
                Arguments.of("GET", s, null),
                Arguments.of("PATCH", s, json("timezone", "Europe/Paris")),
                Arguments.of("DELETE", s, null),
                Arguments.of("POST", s + "/goals", json("event_name", "Steal")),
                Arguments.of("GET", s + "/goals", null),
                Arguments.of("DELETE", s + "/goals/{goal_id}", null),
                Arguments.of("POST", s + "/webhooks", json("name", "mine now", "url", HOOK_URL)),
                Arguments.of("GET", s + "/webhooks", null),
                Arguments.of("GET", w, null),
                Arguments.of("PATCH", w, json("name", "renamed")),
                Arguments.of("DELETE", w, null),
                Arguments.of("GET", w + "/secret", null),
                Arguments.of("POST", w + "/secret/rotate", "{}"),
                Arguments.of("POST", w + "/triggers", json("trigger_type", "visitor_spike", "threshold", 1)),
                Arguments.of("GET", w + "/triggers", null),
                Arguments.of("PATCH", w + "/triggers/{trigger_id}", json("threshold", 2)),
                Arguments.of("DELETE", w + "/triggers/{trigger_id}", null),
                Arguments.of("POST", w + "/test", null),
                Arguments.of("GET", w + "/deliveries", null),
                Arguments.of("GET", w + "/deliveries/{delivery_id}", null),
                Arguments.of("POST", w + "/deliveries/{delivery_id}/redeliver", null),
                Arguments.of("DELETE", "/api/v1/api-keys/{api_key_id}", null));
    }

    static Stream<Arguments> endpointsBelowASite() {
        return ownedEndpoints().filter(a -> ((String) a.get()[1]).matches(".*\\{(webhook|goal)_id}.*"));
    }

    /** Endpoints that address no resource of another account: nothing to isolate but the caller's own. */
    private static final Set<String> UNOWNED_ENDPOINTS = Set.of(
            "POST /api/v1/sites", "GET /api/v1/sites", // creates in / lists the caller's account
            "POST /api/v1/api-keys", // a key for the caller's account
            "POST /api/v1/accounts", // admin only: onlyTheAdminCreatesAccounts
            "GET /api/v1/trigger-types", "GET /api/openapi.json", // the same for everyone
            "POST /api/event"); // no key: Plausible's Events API, matched by domain

    private static String path(String template) {
        return template.replace("{site_id}", site).replace("{webhook_id}", webhook).replace("{trigger_id}", trigger)
                .replace("{goal_id}", goal).replace("{delivery_id}", delivery).replace("{api_key_id}", ownersKeyId);
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
        api.get(path("/api/v1/sites/{site_id}/webhooks/{webhook_id}/triggers"), owner).expect(200);
    }

    /** The intruder's own site in the path does not open the way to the owner's webhooks, goals or keys under it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpointsBelowASite")
    void anotherAccountsIdsUnderTheCallersOwnSiteGet404AndChangeNothing(String method, String template, String body) {
        Map<String, String> before = Http.fingerprint();

        Http.Answer answer = api.send(method, path(template).replace(site, intrudersSite), intruder, body);

        answer.problem(404);
        assertThat(answer.raw().body()).doesNotContain(webhook).doesNotContain(goal);
        assertThat(Http.fingerprint()).isEqualTo(before);
    }

    /** A new endpoint must join the matrix above (or the short list of endpoints that own nothing). */
    @Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        Set<String> matrix = ownedEndpoints().map(a -> a.get()[0] + " " + a.get()[1]).collect(Collectors.toSet());
        Set<String> served = new TreeSet<>();
        for (JavaClass resource : new ClassFileImporter().importPackages("io.plausiblewebhooks.adapter.rest")) {
            Class<?> type = resource.reflect();
            served.addAll(servletOperations(type));
            jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        served.add(verb.value() + " " + base.value() + (sub == null ? "" : sub.value()));
                    }
                }
            }
        }

        assertThat(served).as("endpoints served").isNotEmpty();
        Set<String> known = new TreeSet<>(matrix);
        known.addAll(UNOWNED_ENDPOINTS);
        assertThat(known).containsExactlyInAnyOrderElementsOf(served);
    }

    /** What a plain servlet of the adapter serves (POST /api/event is one): its doXxx methods at its mapping. */
    private static Set<String> servletOperations(Class<?> type) {
        WebServlet servlet = type.getAnnotation(WebServlet.class);
        Set<String> operations = new TreeSet<>();
        if (servlet == null) {
            return operations;
        }
        for (Method method : type.getDeclaredMethods()) {
            String verb = switch (method.getName()) {
                case "doGet" -> "GET";
                case "doPost" -> "POST";
                case "doPut" -> "PUT";
                case "doDelete" -> "DELETE";
                default -> null;
            };
            for (String pattern : servlet.urlPatterns()) {
                if (verb != null) {
                    // "/api/event/" is the same endpoint as "/api/event".
                    operations.add(verb + " " + pattern.replaceFirst("(.)/$", "$1"));
                }
            }
        }
        return operations;
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
