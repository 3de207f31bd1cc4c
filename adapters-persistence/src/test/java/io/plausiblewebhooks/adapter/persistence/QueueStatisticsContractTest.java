package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.operations.JdbiQueueStatistics;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.QueueStatistics.Snapshot;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueStatisticsContractTest {
    private static final Instant NOW = Instant.parse("2026-02-26T12:00:00Z");

    private final Fixtures fx = new Fixtures();
    private final JdbiQueueStatistics statistics = new JdbiQueueStatistics(fx.jdbi);
    private Webhook webhook;

    @BeforeEach
    void aWebhook() {
        TestDatabase.truncateAll();
        Account account = fx.account("acme");
        webhook = fx.webhook(fx.site(account.id(), "example.com").id(), "slack");
    }

    @Test
    void anEmptyQueueHasNoDepthAndNoLag() {
        assertThat(statistics.read(NOW)).isEqualTo(new Snapshot(0, false, Duration.ZERO));
    }

    @Test
    void countsPendingMessagesExactlyAndAgesTheMostOverdueOne() {
        message("pending", NOW.minus(Duration.ofMinutes(10)));
        message("pending", NOW.minus(Duration.ofMinutes(1)));
        message("pending", NOW.plus(Duration.ofMinutes(5))); // a retry scheduled later: queued, not late
        message("delivered", NOW.minus(Duration.ofHours(1)));
        message("failed", NOW.minus(Duration.ofHours(2)));

        assertThat(statistics.read(NOW)).isEqualTo(new Snapshot(3, false, Duration.ofMinutes(10)));
    }

    @Test
    void messagesDueOnlyLaterShowNoLag() {
        message("pending", NOW.plus(Duration.ofSeconds(30)));

        assertThat(statistics.read(NOW)).isEqualTo(new Snapshot(1, false, Duration.ZERO));
    }

    @Test
    void abovePendingCapTheDepthIsPostgresEstimateNeverBelowTheCap() {
        int rows = JdbiQueueStatistics.EXACT_UP_TO + 2_000;
        fx.jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_messages (id, webhook_id, event_type, payload, next_attempt_at)
                        SELECT gen_random_uuid(), :webhookId, 'visitor_spike', '{}', :at FROM generate_series(1, :rows)
                        """)
                .bind("webhookId", webhook.id().value()).bind("at", NOW.minus(Duration.ofMinutes(7)))
                .bind("rows", rows).execute());

        Snapshot beforeStatistics = statistics.read(NOW);
        assertThat(beforeStatistics.estimated()).isTrue();
        assertThat(beforeStatistics.pending()).isGreaterThanOrEqualTo(JdbiQueueStatistics.EXACT_UP_TO);
        assertThat(beforeStatistics.oldestDueAge()).isEqualTo(Duration.ofMinutes(7));

        fx.jdbi.useHandle(h -> h.execute("VACUUM ANALYZE webhook_messages"));
        Snapshot afterStatistics = statistics.read(NOW);
        assertThat(afterStatistics.estimated()).isTrue();
        assertThat(afterStatistics.pending()).isBetween((long) (rows * 0.9), (long) (rows * 1.1));
    }

    private void message(String status, Instant due) {
        fx.jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_messages (id, webhook_id, event_type, payload, status, next_attempt_at)
                        VALUES (:id, :webhookId, 'visitor_spike', '{}', :status, :due)
                        """)
                .bind("id", UUID.randomUUID()).bind("webhookId", webhook.id().value())
                .bind("status", status).bind("due", due).execute());
    }
}
