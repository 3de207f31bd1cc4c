package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.application.port.out.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again. {@code schedule.get(n)} is the delay before attempt n+1 (entry 0 is the delay
 * before the first attempt); after the last entry's attempt the message has failed. Each delay
 * varies by ±10 % so that a receiver's failures do not come back as one synchronized wave. A
 * 429/503 with {@code Retry-After} waits at least that long, but at most 2 h beyond the schedule.
 */
public final class RetryPolicy {
    public static final double JITTER = 0.10;
    public static final Duration RETRY_AFTER_CAP_BEYOND_SCHEDULE = Duration.ofHours(2);

    private final List<Duration> schedule;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public RetryPolicy(List<Duration> schedule, DoubleSupplier random) {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("the schedule needs at least the first attempt");
        }
        this.schedule = List.copyOf(schedule);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** How many attempts a message gets. */
    public int maxAttempts() {
        return schedule.size();
    }

    /** The delay before the first attempt. */
    public Duration initialDelay() {
        return schedule.get(0);
    }

    /**
     * When to make the next attempt after attempt number {@code attemptMade} (from 1) failed with
     * {@code result}; empty when the message has had all its attempts.
     */
    public Optional<Instant> nextAttemptAt(int attemptMade, SendResult result, Instant now) {
        if (attemptMade >= schedule.size()) {
            return Optional.empty();
        }
        Duration scheduled = schedule.get(attemptMade);
        long jitteredMs = Math.round(scheduled.toMillis() * (1 - JITTER + 2 * JITTER * random.getAsDouble()));
        Duration delay = Duration.ofMillis(Math.max(0, jitteredMs));
        Integer status = result.statusCode();
        if (status != null && (status == 429 || status == 503) && result.retryAfter() != null) {
            Duration asked = result.retryAfter();
            Duration cap = scheduled.plus(RETRY_AFTER_CAP_BEYOND_SCHEDULE);
            Duration honoured = asked.compareTo(cap) > 0 ? cap : asked;
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        return Optional.of(now.plus(delay));
    }
}
