package io.plausiblewebhooks.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.delivery.testing.IndependentVerifier;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running application delivering queued messages to real local HTTPS receivers (test
 * certificate trusted through {@code delivery.trustedCertificates}); every request is checked with
 * an independent Standard Webhooks verifier.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeliveryEndToEndTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("delivery-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("delivery.trustedCertificates", () -> TestReceiver.trustedCertificatePem().toString()));

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final JdbiMessageQueue queue = new JdbiMessageQueue(jdbi, new ObjectMapper());
    private final TestReceiver receiver = new TestReceiver();
    private final SiteId site = EventRows.site(jdbi, "delivery-" + UUID.randomUUID() + ".example.com");

    /** The test database is shared by the test classes of this JVM: leave it empty for the next. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        // Other tests share the database: leave no pending messages behind (the cascade removes them).
        jdbi.useHandle(h -> h.execute("DELETE FROM sites WHERE id = ?", site.value()));
    }

    private WebhookId webhook(String url) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled) VALUES (?, ?, 'hook', ?, ?, true)",
                id, site.value(), url, SECRET));
        return new WebhookId(id);
    }

    private MessageId enqueue(WebhookId webhook) {
        MessageId id = MessageId.random();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id.external());
        payload.put("type", "visitor_spike");
        payload.put("timestamp", "2026-02-26T10:00:00Z");
        payload.put("data", Map.of("current_visitors", 123));
        queue.enqueue(new QueuedMessage(id, webhook, null, "visitor_spike", payload, Instant.now()));
        return id;
    }

    private List<Map<String, Object>> attempts(MessageId message) {
        return jdbi.withHandle(h -> h.select("SELECT attempt, status_code, success, response_body, error_message, duration_ms"
                + " FROM webhook_deliveries WHERE message_id = ? ORDER BY attempt", message.value()).mapToMap().list());
    }

    private String status(MessageId message) {
        return jdbi.withHandle(h -> h.select("SELECT status FROM webhook_messages WHERE id = ?", message.value())
                .mapTo(String.class).one());
    }

    private Map<String, Object> webhookRow(WebhookId webhook) {
        return jdbi.withHandle(h -> h.select("SELECT enabled, disabled_reason FROM webhooks WHERE id = ?", webhook.value())
                .mapToMap().one());
    }

    @Test
    void aReceiverFailingTwiceThenSucceedingGetsThreeVerifiableRequestsWithOneWebhookId() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() <= 2 ? Reply.status(500, "not yet") : Reply.status(200, "ok"));
        MessageId message = enqueue(webhook(receiver.url("/flaky")));

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(message)));

        List<TestReceiver.Received> requests = receiver.received("/flaky");
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(message.external());
        assertThat(requests).allMatch(r -> IndependentVerifier.verifies(SECRET, r));
        assertThat(requests).allMatch(r -> IndependentVerifier.verifiesPlausibleSignature(SECRET, r));
        assertThat(requests.get(0).body()).startsWith("{\"id\":\"" + message.external() + "\",\"type\":\"visitor_spike\"");
        assertThat(attempts(message)).extracting(a -> a.get("attempt"), a -> a.get("status_code"), a -> a.get("success"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 500, false),
                        org.assertj.core.groups.Tuple.tuple(2, 500, false),
                        org.assertj.core.groups.Tuple.tuple(3, 200, true));
        assertThat(attempts(message).get(0).get("response_body")).isEqualTo("not yet");
    }

    @Test
    void theAdminMetricsCountTheDeliveryAndTimeIt() throws Exception {
        receiver.respond(request -> Reply.status(200, "ok"));
        double successesBefore = metric("webhook_deliveries_total{outcome=\"success\"}");
        double timedBefore = metric("webhook_delivery_duration_seconds_count");
        MessageId message = enqueue(webhook(receiver.url("/measured")));

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(message)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("webhook_deliveries_total{outcome=\"success\"}")).isGreaterThanOrEqualTo(successesBefore + 1);
            assertThat(metric("webhook_delivery_duration_seconds_count")).isGreaterThanOrEqualTo(timedBefore + 1);
        });
    }

    /** One sample of GET :admin/metrics, by its series name and labels as printed. */
    private static double metric(String series) throws Exception {
        String body = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + APP.getAdminPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series + " in /metrics"));
    }

    @Test
    void goneDisablesTheWebhook() {
        receiver.respond(request -> Reply.status(410));
        WebhookId webhook = webhook(receiver.url("/gone"));
        MessageId message = enqueue(webhook);

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(message)));

        assertThat(webhookRow(webhook)).containsEntry("enabled", false)
                .containsEntry("disabled_reason", "the endpoint answered 410 Gone");
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void aRedirectIsRecordedAsAFailureAndNotFollowed() {
        receiver.respond(request -> request.path().equals("/moved")
                ? Reply.status(302).withHeader("Location", receiver.url("/target"))
                : Reply.status(200));
        MessageId message = enqueue(webhook(receiver.url("/moved")));

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(message)));

        assertThat(attempts(message)).hasSize(4).allSatisfy(a -> {
            assertThat(a.get("status_code")).isEqualTo(302);
            assertThat(a.get("success")).isEqualTo(false);
        });
        assertThat(receiver.received("/target")).isEmpty();
    }

    @Test
    void aLargeResponseBodyIsStoredTruncatedTo16Kib() {
        receiver.respond(request -> Reply.status(200, "x".repeat(100 * 1024)));
        MessageId message = enqueue(webhook(receiver.url("/chatty")));

        await().atMost(Duration.ofSeconds(20)).until(() -> !"pending".equals(status(message)));

        assertThat(attempts(message).get(0)).containsEntry("status_code", 200);
        assertThat((String) attempts(message).get(0).get("response_body")).hasSize(16 * 1024);
    }

    @Test
    void aHangingReceiverDoesNotSlowDeliveriesToAHealthyOne() {
        try (TestReceiver hanging = new TestReceiver().respond(request -> Reply.hanging())) {
            WebhookId stuck = webhook(hanging.url("/stuck"));
            WebhookId healthy = webhook(receiver.url("/healthy"));
            for (int i = 0; i < 20; i++) {
                enqueue(stuck);
            }
            List<MessageId> healthyMessages = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                healthyMessages.add(enqueue(healthy));
            }

            // Well within one request timeout (5 s) of the hanging endpoint.
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> healthyMessages.stream().allMatch(m -> "delivered".equals(status(m))));
            // The hanging endpoint holds at most its own cap of requests.
            assertThat(hanging.count()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenTheMessageFails() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MessageId message = enqueue(webhook("https://127.0.0.1:" + closedPort + "/nobody"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(message)));

        assertThat(attempts(message)).hasSize(4)
                .allSatisfy(a -> assertThat(a.get("error_message")).isEqualTo("connection refused"));
    }
}
