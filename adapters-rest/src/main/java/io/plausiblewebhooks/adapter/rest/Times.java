package io.plausiblewebhooks.adapter.rest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times in answers: ISO-8601 UTC with {@code Z}, whatever the JVM's time zone. */
public final class Times {
    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
