package io.plausiblewebhooks.adapter.metrics;

import io.plausiblewebhooks.application.port.out.QueueStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads the queue figures at most once per {@code maxAge}: a scrape reads two gauges and the health
 * check reads the lag, and none of them should cost the database a query each. A failed read is not
 * cached, so a database that comes back shows at once.
 */
public final class CachedQueueStatistics implements QueueStatistics {
    private final QueueStatistics source;
    private final Clock clock;
    private final Duration maxAge;
    private Snapshot last;
    private Instant readAt = Instant.MIN;

    public CachedQueueStatistics(QueueStatistics source, Clock clock, Duration maxAge) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public synchronized Snapshot read(Instant now) {
        Instant wallNow = clock.instant();
        if (last == null || !wallNow.isBefore(readAt.plus(maxAge))) {
            last = source.read(now);
            readAt = wallNow;
        }
        return last;
    }

    /** The latest figures, read now if the cached ones are too old. */
    public Snapshot current() {
        return read(clock.instant());
    }
}
