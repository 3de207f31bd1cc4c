package io.plausiblewebhooks.application.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics;
import io.plausiblewebhooks.application.port.out.DisabledWebhooks;
import io.plausiblewebhooks.application.port.out.MessageQueue;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeliveryEngineMetricsTest {
    private final Clock clock = Clock.systemUTC();

    @Test
    void reportsEachStoredAttemptByOutcomeWithItsDurationAndTheWebhooksItDisabled() throws Exception {
        ClaimedMessage ok = message(0);
        ClaimedMessage retried = message(0);
        ClaimedMessage lastTry = message(1); // the schedule below allows two attempts
        ClaimedMessage gone = message(0);
        Map<MessageId, SendResult> answers = Map.of(
                ok.id(), SendResult.response(200, "", null, 40),
                retried.id(), SendResult.response(500, "", null, 70),
                lastTry.id(), SendResult.response(500, "", null, 80),
                gone.id(), SendResult.response(410, "", null, 90));
        OneBatchQueue queue = new OneBatchQueue(List.of(ok, retried, lastTry, gone));
        RecordingMetrics metrics = new RecordingMetrics();
        DeliveryEngine engine = new DeliveryEngine(queue,
                webhook -> CompletableFuture.completedFuture(answers.get(webhook.messageId())),
                new AttemptJudge(new RetryPolicy(List.of(Duration.ZERO, Duration.ofMinutes(5)), () -> 0.5)),
                clock,
                new DeliveryEngine.Settings("node-a", 1, 10, Duration.ofMinutes(1), Duration.ofMillis(20), 8, 100,
                        Duration.ofSeconds(5)),
                metrics);

        assertThat(engine.workersAlive()).isFalse();
        engine.start();
        assertThat(engine.workersAlive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.recorded.size() == 4);
        engine.stop();

        assertThat(engine.workersAlive()).isFalse();
        assertThat(queue.recorded).hasSize(4);
        assertThat(metrics.outcomes).containsEntry(DeliveryMetrics.Outcome.SUCCESS, List.of(Duration.ofMillis(40)));
        assertThat(metrics.outcomes).containsEntry(DeliveryMetrics.Outcome.FAILURE, List.of(Duration.ofMillis(70)));
        assertThat(metrics.outcomes.get(DeliveryMetrics.Outcome.GAVE_UP))
                .containsExactlyInAnyOrder(Duration.ofMillis(80), Duration.ofMillis(90));
        assertThat(metrics.disabled).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeliveryMetrics.DisableReason.GONE, 1, DeliveryMetrics.DisableReason.FAILING, 2));
    }

    private static ClaimedMessage message(int attemptsMade) {
        return new ClaimedMessage(MessageId.random(), WebhookId.random(), null, "{}", attemptsMade,
                new WebhookUrl("https://hooks.example.com/in"), List.of(new Secret("0123456789abcdef0123")), true);
    }

    private static final class RecordingMetrics implements DeliveryMetrics {
        final Map<Outcome, List<Duration>> outcomes = new ConcurrentHashMap<>();
        final Map<DisableReason, Integer> disabled = new ConcurrentHashMap<>();

        @Override
        public void attemptRecorded(Outcome outcome, Duration duration) {
            outcomes.computeIfAbsent(outcome, o -> new CopyOnWriteArrayList<>()).add(duration);
        }

        @Override
        public void webhooksDisabled(DisableReason reason, int count) {
            disabled.merge(reason, count, Integer::sum);
        }
    }

    /** Hands out one batch, then nothing; keeps what is recorded. */
    private static final class OneBatchQueue implements MessageQueue {
        final List<AttemptRecord> recorded = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean failingReported = new java.util.concurrent.atomic.AtomicBoolean();
        private List<ClaimedMessage> batch;

        OneBatchQueue(List<ClaimedMessage> batch) {
            this.batch = new ArrayList<>(batch);
        }

        @Override
        public synchronized List<ClaimedMessage> claim(String owner, int limit, Instant now, Duration lease,
                                                       Collection<WebhookId> skip) {
            List<ClaimedMessage> out = batch;
            batch = List.of();
            return out;
        }

        @Override
        public DisabledWebhooks record(List<AttemptRecord> attempts, Instant failingCutoff) {
            recorded.addAll(attempts);
            // As the database would report it: the 410 disabled one webhook, and say two crossed the 5 days
            // (reported by the first write only; the batch may be written in several).
            return new DisabledWebhooks((int) attempts.stream().filter(a -> a.disableWebhook() != null).count(),
                    failingReported.getAndSet(true) ? 0 : 2);
        }

        @Override
        public void enqueue(QueuedMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String enqueueClaimed(QueuedMessage message, String owner, Instant leaseExpiresAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(String owner, Collection<MessageId> ids) {
        }

        @Override
        public void requeue(WebhookDelivery delivery, Instant now) {
            throw new UnsupportedOperationException();
        }
    }
}
