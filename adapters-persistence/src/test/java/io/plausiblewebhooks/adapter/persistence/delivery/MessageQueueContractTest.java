package io.plausiblewebhooks.adapter.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.AttemptRecord.MessageState;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.DisabledWebhooks;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue and log ports against PostgreSQL. */
class MessageQueueContractTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final JdbiMessageQueue queue = new JdbiMessageQueue(jdbi, new ObjectMapper());
    private final JdbiDeliveryLog log = new JdbiDeliveryLog(jdbi);
    private WebhookId webhook;
    private WebhookId otherWebhook;

    @BeforeEach
    void freshTables() {
        TestDatabase.truncateAll();
        UUID account = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES (?, 'acme')", account);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'example.com')", site, account);
        });
        webhook = insertWebhook(site, "https://hooks.example.com/a");
        otherWebhook = insertWebhook(site, "https://hooks.example.com/b");
    }

    private WebhookId insertWebhook(UUID site, String url) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled) VALUES (?, ?, 'w', ?, ?, true)",
                id, site, url, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        return new WebhookId(id);
    }

    private MessageId enqueue(WebhookId target, Instant due) {
        MessageId id = MessageId.random();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id.external());
        payload.put("type", "visitor_spike");
        payload.put("timestamp", "2026-02-26T10:00:00Z");
        payload.put("data", Map.of("current_visitors", 123));
        queue.enqueue(new QueuedMessage(id, target, null, "visitor_spike", payload, due));
        return id;
    }

    private static AttemptRecord attempt(ClaimedMessage m, Integer status, MessageState state, Instant next, Instant at,
                                         String disable) {
        boolean ok = status != null && status >= 200 && status < 300;
        WebhookDelivery d = new WebhookDelivery(DeliveryId.random(), m.webhookId(), m.triggerId(), m.id(), m.payload(),
                status, "body", m.nextAttempt(), ok, ok ? null : "HTTP " + status, 7L, at);
        return new AttemptRecord(m.id(), m.webhookId(), m.nextAttempt(), d, state, next, ok ? null : "HTTP " + status,
                disable, at);
    }

    private String status(MessageId id) {
        return jdbi.withHandle(h -> h.select("SELECT status FROM webhook_messages WHERE id = ?", id.value())
                .mapTo(String.class).one());
    }

    @Test
    void claimsDueMessagesWithTheExactBodyAndTheWebhooksSigningData() {
        MessageId due = enqueue(webhook, NOW.minusSeconds(1));
        enqueue(webhook, NOW.plusSeconds(60));

        List<ClaimedMessage> claimed = queue.claim("a", 10, NOW, LEASE, List.of());

        assertThat(claimed).hasSize(1);
        ClaimedMessage m = claimed.get(0);
        assertThat(m.id()).isEqualTo(due);
        assertThat(m.payload()).isEqualTo("{\"id\":\"" + due.external()
                + "\",\"type\":\"visitor_spike\",\"timestamp\":\"2026-02-26T10:00:00Z\",\"data\":{\"current_visitors\":123}}");
        assertThat(m.url().value()).isEqualTo("https://hooks.example.com/a");
        assertThat(m.secrets()).hasSize(1);
        assertThat(m.attemptsMade()).isZero();
        assertThat(m.webhookEnabled()).isTrue();
        // Leased: nobody else gets it while the lease runs.
        assertThat(queue.claim("b", 10, NOW.plusSeconds(1), LEASE, List.of())).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        MessageId id = enqueue(webhook, NOW);
        assertThat(queue.claim("crashed", 10, NOW, LEASE, List.of())).hasSize(1);

        List<ClaimedMessage> takenOver = queue.claim("survivor", 10, NOW.plus(LEASE).plusSeconds(1), LEASE, List.of());

        assertThat(takenOver).extracting(ClaimedMessage::id).containsExactly(id);
    }

    @Test
    void concurrentClaimersNeverGetTheSameMessage() throws Exception {
        for (int i = 0; i < 400; i++) {
            enqueue(i % 2 == 0 ? webhook : otherWebhook, NOW);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ClaimedMessage>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String owner = "worker-" + t;
                Callable<List<ClaimedMessage>> claimAll = () -> {
                    List<ClaimedMessage> mine = new ArrayList<>();
                    List<ClaimedMessage> batch;
                    while (!(batch = queue.claim(owner, 25, NOW, LEASE, List.of())).isEmpty()) {
                        mine.addAll(batch);
                    }
                    return mine;
                };
                results.add(pool.submit(claimAll));
            }
            Set<MessageId> seen = new HashSet<>();
            int total = 0;
            for (Future<List<ClaimedMessage>> result : results) {
                for (ClaimedMessage m : result.get()) {
                    seen.add(m.id());
                    total++;
                }
            }
            assertThat(total).isEqualTo(400);
            assertThat(seen).hasSize(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void skipsTheWebhooksItIsToldToSkip() {
        enqueue(webhook, NOW);
        MessageId other = enqueue(otherWebhook, NOW);

        assertThat(queue.claim("a", 10, NOW, LEASE, List.of(webhook))).extracting(ClaimedMessage::id).containsExactly(other);
    }

    @Test
    void recordsAttemptsAndTheMessagesNextState() {
        MessageId retried = enqueue(webhook, NOW);
        MessageId delivered = enqueue(otherWebhook, NOW);
        List<ClaimedMessage> claimed = queue.claim("a", 10, NOW, LEASE, List.of());
        ClaimedMessage first = claimed.stream().filter(m -> m.id().equals(retried)).findFirst().orElseThrow();
        ClaimedMessage second = claimed.stream().filter(m -> m.id().equals(delivered)).findFirst().orElseThrow();

        queue.record(List.of(attempt(first, 500, MessageState.PENDING, NOW.plusSeconds(5), NOW, null),
                attempt(second, 204, MessageState.DELIVERED, null, NOW, null)), NOW.minus(Duration.ofDays(5)));

        assertThat(status(retried)).isEqualTo("pending");
        assertThat(status(delivered)).isEqualTo("delivered");
        assertThat(queue.claim("a", 10, NOW.plusSeconds(4), LEASE, List.of())).isEmpty();
        List<ClaimedMessage> again = queue.claim("a", 10, NOW.plusSeconds(5), LEASE, List.of());
        assertThat(again).extracting(ClaimedMessage::id).containsExactly(retried);
        assertThat(again.get(0).attemptsMade()).isEqualTo(1);
        List<WebhookDelivery> logged = log.list(webhook, null, 10, null, null);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).statusCode()).isEqualTo(500);
        assertThat(logged.get(0).messageId()).isEqualTo(retried);
        assertThat(logged.get(0).durationMs()).isEqualTo(7L);
        assertThat(logged.get(0).payload()).contains("current_visitors");
    }

    @Test
    void goneDisablesTheWebhookWithAReason() {
        enqueue(webhook, NOW);
        ClaimedMessage m = queue.claim("a", 10, NOW, LEASE, List.of()).get(0);

        DisabledWebhooks disabled = queue.record(
                List.of(attempt(m, 410, MessageState.FAILED, null, NOW, "the endpoint answered 410 Gone")),
                NOW.minus(Duration.ofDays(5)));

        assertThat(disabled).isEqualTo(new DisabledWebhooks(1, 0));
        Map<String, Object> row = jdbi.withHandle(h -> h.select("SELECT enabled, disabled_reason FROM webhooks WHERE id = ?",
                webhook.value()).mapToMap().one());
        assertThat(row).containsEntry("enabled", false).containsEntry("disabled_reason", "the endpoint answered 410 Gone");
    }

    @Test
    void aWebhookFailingForFiveDaysIsDisabledAndASuccessEndsTheStreak() {
        enqueue(webhook, NOW);
        ClaimedMessage m = queue.claim("a", 10, NOW, LEASE, List.of()).get(0);
        assertThat(queue.record(List.of(attempt(m, 500, MessageState.PENDING, NOW.plusSeconds(1), NOW, null)),
                NOW.minus(Duration.ofDays(5)))).as("one failure disables nothing").isEqualTo(DisabledWebhooks.NONE);
        Instant later = NOW.plus(Duration.ofDays(5)).plusSeconds(1);
        ClaimedMessage retry = queue.claim("a", 10, later, LEASE, List.of()).get(0);

        DisabledWebhooks disabled = queue.record(
                List.of(attempt(retry, 500, MessageState.PENDING, later.plusSeconds(1), later, null)),
                later.minus(Duration.ofDays(5)));

        assertThat(disabled).isEqualTo(new DisabledWebhooks(0, 1));

        Map<String, Object> row = jdbi.withHandle(h -> h.select("SELECT enabled, disabled_reason FROM webhooks WHERE id = ?",
                webhook.value()).mapToMap().one());
        assertThat(row).containsEntry("enabled", false)
                .containsEntry("disabled_reason", JdbiMessageQueue.FAILING_REASON);

        // The other webhook failed once, then succeeded: the streak ends.
        enqueue(otherWebhook, later);
        enqueue(otherWebhook, later);
        List<ClaimedMessage> two = queue.claim("a", 10, later.plusSeconds(2), LEASE, List.of(webhook));
        queue.record(List.of(attempt(two.get(0), 500, MessageState.FAILED, null, later, null)), later.minus(Duration.ofDays(5)));
        queue.record(List.of(attempt(two.get(1), 200, MessageState.DELIVERED, null, later, null)), later.minus(Duration.ofDays(5)));
        Object failingSince = jdbi.withHandle(h -> h.select("SELECT failing_since FROM webhooks WHERE id = ?",
                otherWebhook.value()).mapToMap().one().get("failing_since"));
        assertThat(failingSince).isNull();
    }

    @Test
    void releasedMessagesAreDueAtOnce() {
        MessageId id = enqueue(webhook, NOW);
        queue.claim("a", 10, NOW, LEASE, List.of());

        queue.release("a", List.of(id));

        assertThat(queue.claim("b", 10, Instant.now().plusSeconds(1), LEASE, List.of())).extracting(ClaimedMessage::id)
                .containsExactly(id);
    }

    @Test
    void requeueSendsTheSameMessageAgainAndRestoresAPrunedOne() {
        MessageId id = enqueue(webhook, NOW);
        ClaimedMessage m = queue.claim("a", 10, NOW, LEASE, List.of()).get(0);
        queue.record(List.of(attempt(m, 204, MessageState.DELIVERED, null, NOW, null)), NOW.minus(Duration.ofDays(5)));
        WebhookDelivery delivery = log.list(webhook, null, 1, null, null).get(0);

        queue.requeue(delivery, NOW.plusSeconds(10));
        ClaimedMessage again = queue.claim("a", 10, NOW.plusSeconds(10), LEASE, List.of()).get(0);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.payload()).isEqualTo(m.payload());

        jdbi.useHandle(h -> h.execute("DELETE FROM webhook_messages"));
        queue.requeue(delivery, NOW.plusSeconds(20));
        ClaimedMessage restored = queue.claim("a", 10, NOW.plusSeconds(20), LEASE, List.of()).get(0);
        assertThat(restored.id()).isEqualTo(id);
        assertThat(restored.payload()).contains(id.external());
    }

    @Test
    void listsNewestFirstWithASuccessFilterAndKeysetPages() {
        List<AttemptRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            enqueue(webhook, NOW);
        }
        List<ClaimedMessage> claimed = queue.claim("a", 10, NOW, LEASE, List.of());
        for (int i = 0; i < claimed.size(); i++) {
            boolean ok = i % 2 == 0;
            records.add(attempt(claimed.get(i), ok ? 200 : 500, ok ? MessageState.DELIVERED : MessageState.FAILED, null,
                    NOW.plusSeconds(i), null));
        }
        queue.record(records, NOW.minus(Duration.ofDays(5)));

        List<WebhookDelivery> all = log.list(webhook, null, 10, null, null);
        assertThat(all).extracting(WebhookDelivery::insertedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(log.list(webhook, true, 10, null, null)).hasSize(3).allMatch(WebhookDelivery::success);
        assertThat(log.list(webhook, false, 10, null, null)).hasSize(2).noneMatch(WebhookDelivery::success);
        List<WebhookDelivery> page1 = log.list(webhook, null, 2, null, null);
        WebhookDelivery last = page1.get(1);
        List<WebhookDelivery> page2 = log.list(webhook, null, 2, last.insertedAt(), last.id());
        assertThat(page2).extracting(WebhookDelivery::id).containsExactly(all.get(2).id(), all.get(3).id());
        assertThat(log.find(webhook, all.get(0).id())).contains(all.get(0));
        assertThat(log.find(otherWebhook, all.get(0).id())).isEmpty();
    }

    @Test
    void pruneDeletesOldDeliveriesAndFinishedMessagesInBoundedBatches() {
        for (int i = 0; i < 3; i++) {
            enqueue(webhook, NOW);
        }
        MessageId pending = enqueue(otherWebhook, NOW.plusSeconds(3600));
        List<ClaimedMessage> claimed = queue.claim("a", 10, NOW, LEASE, List.of());
        queue.record(claimed.stream().map(m -> attempt(m, 200, MessageState.DELIVERED, null, NOW, null)).toList(),
                NOW.minus(Duration.ofDays(5)));
        jdbi.useHandle(h -> h.execute("UPDATE webhook_messages SET updated_at = ? WHERE status = 'delivered'",
                java.time.LocalDateTime.of(2026, 2, 26, 10, 0)));

        int first = log.prune(NOW.plusSeconds(1), 2);
        int rest = log.prune(NOW.plusSeconds(1), 100);

        assertThat(first).isEqualTo(4); // 2 deliveries + 2 messages
        assertThat(rest).isEqualTo(2);
        assertThat(status(pending)).isEqualTo("pending");
    }
}
