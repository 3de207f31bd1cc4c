package io.plausiblewebhooks.adapter.persistence.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** {@code timestamp} columns hold UTC wall-clock time. */
final class Utc {
    private Utc() {
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
