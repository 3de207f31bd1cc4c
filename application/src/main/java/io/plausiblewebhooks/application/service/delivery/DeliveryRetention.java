package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.application.port.out.DeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Prunes delivery-log rows and finished messages older than the retention period, in bounded
 * batches so that no single statement holds locks for long. Run daily.
 */
public final class DeliveryRetention {
    public static final int BATCH = 5_000;

    private final DeliveryLog log;
    private final Clock clock;
    private final Duration retention;

    public DeliveryRetention(DeliveryLog log, Clock clock, Duration retention) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** @return how many rows were deleted */
    public long pruneOnce() {
        var cutoff = clock.instant().minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = log.prune(cutoff, BATCH);
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
