package io.plausiblewebhooks.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Cheap figures about the delivery queue, read often (every scrape, every health check). */
public interface QueueStatistics {
    /**
     * @param pending messages waiting to be sent (due now or later); exact up to a bound, estimated above it
     * @param estimated whether {@code pending} is an estimate
     * @param oldestDueAge how long the most overdue pending message has been due; zero when none is due
     */
    record Snapshot(long pending, boolean estimated, Duration oldestDueAge) {
        public Snapshot {
            Objects.requireNonNull(oldestDueAge, "oldestDueAge");
            if (pending < 0 || oldestDueAge.isNegative()) {
                throw new IllegalArgumentException("queue figures cannot be negative");
            }
        }
    }

    /** Reads the figures as of {@code now}, without scanning the queue. */
    Snapshot read(Instant now);
}
