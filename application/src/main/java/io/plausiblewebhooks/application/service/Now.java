package io.plausiblewebhooks.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision PostgreSQL keeps (microseconds), so that what a use case
 * returns equals what is read back later.
 */
final class Now {
    private Now() {
    }

    static Instant of(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
