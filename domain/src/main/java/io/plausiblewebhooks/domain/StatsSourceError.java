package io.plausiblewebhooks.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the last check could not read a site's statistics from its source, and when. Cleared by the
 * next successful read. The message is written by the source adapter and never contains the key.
 */
public record StatsSourceError(String message, Instant at) {
    public static final int MAX_LENGTH = 500;

    public StatsSourceError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (message.length() > MAX_LENGTH) {
            message = message.substring(0, MAX_LENGTH - 1) + "…";
        }
    }
}
