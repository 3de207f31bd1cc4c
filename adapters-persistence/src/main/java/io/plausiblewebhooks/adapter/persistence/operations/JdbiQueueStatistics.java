package io.plausiblewebhooks.adapter.persistence.operations;

import io.plausiblewebhooks.application.port.out.QueueStatistics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * Queue figures in one round trip that stays cheap at millions of rows:
 * <ul>
 *   <li>depth: an exact count capped at {@link #EXACT_UP_TO} (at most that many entries of the partial
 *       index {@code webhook_messages_due} are read); above the cap, PostgreSQL's own estimate of that
 *       index's size ({@code pg_class.reltuples}, kept by autovacuum/analyze), never less than the cap;</li>
 *   <li>oldest due: {@code min(next_attempt_at)} over the same partial index, its first entry.</li>
 * </ul>
 * A plain {@code count(*)} would read the whole index on every scrape (see BENCHMARKS.md).
 */
public final class JdbiQueueStatistics implements QueueStatistics {
    public static final int EXACT_UP_TO = 10_000;

    private static final String SQL = """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM webhook_messages
                                           WHERE status = 'pending' LIMIT :cap) AS capped) AS exact_capped,
                   (SELECT greatest(reltuples, 0)::bigint FROM pg_class
                     WHERE oid = to_regclass('webhook_messages_due')) AS estimate,
                   (SELECT min(next_attempt_at) FROM webhook_messages WHERE status = 'pending') AS oldest_due
            """;

    private final Jdbi jdbi;

    public JdbiQueueStatistics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Snapshot read(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(SQL)
                .bind("cap", EXACT_UP_TO + 1)
                .map((rs, ctx) -> {
                    long exact = rs.getLong("exact_capped");
                    long estimate = rs.getLong("estimate");
                    LocalDateTime oldest = rs.getObject("oldest_due", LocalDateTime.class);
                    boolean estimated = exact > EXACT_UP_TO;
                    long pending = estimated ? Math.max(EXACT_UP_TO, estimate) : exact;
                    Duration age = oldest == null ? Duration.ZERO
                            : Duration.between(oldest.toInstant(ZoneOffset.UTC), now);
                    return new Snapshot(pending, estimated, age.isNegative() ? Duration.ZERO : age);
                })
                .one());
    }
}
