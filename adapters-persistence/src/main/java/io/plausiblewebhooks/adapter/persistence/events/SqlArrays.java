package io.plausiblewebhooks.adapter.persistence.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Function;

/**
 * Bulk statements bind whole columns as one text array each and cast them in SQL
 * ({@code unnest(CAST(:ids AS uuid[]), …)}): one round trip for any number of rows, and one binding
 * path for every type. Timestamps are written as UTC wall-clock time, like every timestamp column.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static <T> String[] column(Collection<T> rows, Function<T, Object> value) {
        String[] column = new String[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object v = value.apply(row);
            column[i++] = v == null ? null : v instanceof Instant instant ? timestamp(instant) : v.toString();
        }
        return column;
    }

    /**
     * Microseconds, as PostgreSQL keeps them, so a value read back compares equal. ISO form
     * ({@code 2026-02-26T10:00:00.123456}), which PostgreSQL reads as a timestamp: written for every
     * row of a bulk statement, so the cheap {@code toString} rather than a formatter.
     */
    public static String timestamp(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).toString();
    }

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
