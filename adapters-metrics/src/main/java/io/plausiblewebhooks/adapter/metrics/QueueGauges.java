package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.plausiblewebhooks.application.port.out.QueueStatistics.Snapshot;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code webhook_queue_depth} and {@code webhook_queue_oldest_due_age_seconds}, read from PostgreSQL per scrape (cached briefly). */
public final class QueueGauges {
    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

    private QueueGauges() {
    }

    public static void register(MeterRegistry registry, CachedQueueStatistics statistics) {
        Gauge.builder("webhook.queue.depth", statistics, read(s -> s.pending()))
                .strongReference(true)
                .description("Messages waiting to be sent, due now or later (exact up to 10000, estimated above)")
                .register(registry);
        Gauge.builder("webhook.queue.oldest.due.age", statistics, read(s -> s.oldestDueAge().toMillis() / 1000.0))
                .strongReference(true)
                .description("How long the most overdue pending message has been due; 0 when none is due")
                .baseUnit("seconds")
                .register(registry);
    }

    /** NaN when the database cannot be read: "unknown" is the honest value, and the scrape still succeeds. */
    private static ToDoubleFunction<CachedQueueStatistics> read(ToDoubleFunction<Snapshot> figure) {
        return statistics -> {
            try {
                return figure.applyAsDouble(statistics.current());
            } catch (RuntimeException e) {
                LOG.warn("could not read the queue figures: {}", e.toString());
                return Double.NaN;
            }
        };
    }
}
