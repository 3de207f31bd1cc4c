package io.plausiblewebhooks.adapter.persistence.events;

import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.domain.PathPattern;
import io.plausiblewebhooks.domain.SiteId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;

/**
 * {@link StatsQuery} on the local {@code events} table: every question is one statement for all the
 * sites (or queries) it is asked about.
 */
public final class JdbiStatsQuery implements StatsQuery {
    private static final String VISITS = "site_id = ANY (CAST(:sites AS uuid[])) AND timestamp BETWEEN :from AND :to"
            + " AND name <> 'engagement'";

    private final Jdbi jdbi;
    private final Dao dao;

    public JdbiStatsQuery(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to) {
        if (sites.isEmpty()) {
            return Map.of();
        }
        Map<SiteId, Long> result = new HashMap<>();
        // Distinct (site, visitor) pairs of a long window for many sites: enough memory to hash them
        // instead of spilling to disk (only for this transaction).
        jdbi.useTransaction(handle -> {
            handle.execute("SET LOCAL work_mem = '64MB'");
            handle.attach(Dao.class).visitors(ids(sites), SqlArrays.utc(from), SqlArrays.utc(to))
                    .forEach(row -> result.put(new SiteId(row.site()), row.count()));
        });
        return result;
    }

    /**
     * From {@code visitor_last_seen}: the visitors last seen at or after {@code from}, one row each, so
     * a long window costs no more than its visitors, not its events.
     */
    @Override
    public Map<SiteId, Long> visitorsSince(Set<SiteId> sites, Instant from, Instant now) {
        if (sites.isEmpty()) {
            return Map.of();
        }
        Map<SiteId, Long> result = new HashMap<>();
        dao.visitorsSince(ids(sites), SqlArrays.utc(from)).forEach(row -> result.put(new SiteId(row.site()), row.count()));
        return result;
    }

    /**
     * The same count as {@link #visitorsSince} for the last 5 minutes, as a statement of its own: the
     * database caches one plan per statement, and a plan shared with the 12-hour windows scans the
     * whole table where the 5-minute window needs only a range of the {@code last_seen} index.
     */
    @Override
    public Map<SiteId, Long> currentVisitors(Set<SiteId> sites, Instant now) {
        if (sites.isEmpty()) {
            return Map.of();
        }
        Map<SiteId, Long> result = new HashMap<>();
        dao.currentVisitors(ids(sites), SqlArrays.utc(now.minus(java.time.Duration.ofMinutes(5))))
                .forEach(row -> result.put(new SiteId(row.site()), row.count()));
        return result;
    }

    @Override
    public Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit) {
        return sites.isEmpty() ? Map.of() : grouped(dao.topSources(ids(sites), SqlArrays.utc(from), SqlArrays.utc(to), limit));
    }

    @Override
    public Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit) {
        return sites.isEmpty() ? Map.of() : grouped(dao.topPages(ids(sites), SqlArrays.utc(from), SqlArrays.utc(to), limit));
    }

    @Override
    public Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to) {
        if (queries.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> result = new HashMap<>();
        dao.eventCounts(SqlArrays.column(queries, EventCountQuery::key),
                        SqlArrays.column(queries, q -> q.site().value()),
                        SqlArrays.column(queries, EventCountQuery::eventName),
                        SqlArrays.column(queries, EventCountQuery::from),
                        SqlArrays.utc(to))
                .forEach(row -> result.put(row.site(), row.count()));
        return result;
    }

    @Override
    public GoalConversions goalConversions(List<ConversionQuery> queries) {
        // Triggers on the same goal from the same watermark (several webhooks of one site) share one count.
        Map<Shape, UUID> shapes = new LinkedHashMap<>();
        Map<UUID, UUID> shapeOfKey = new HashMap<>();
        for (ConversionQuery q : queries) {
            Shape shape = new Shape(q.site().value(), q.goal().eventName(),
                    q.goal().pagePath() == null ? null : PathPattern.toSqlRegex(q.goal().pagePath()),
                    q.afterWatermark(), q.afterWatermark() == null ? q.notBefore() : null);
            shapeOfKey.put(q.key(), shapes.computeIfAbsent(shape, s -> UUID.randomUUID()));
        }
        List<Map.Entry<Shape, UUID>> distinct = new ArrayList<>(shapes.entrySet());
        // Repeatable read: the watermark and the counts come from one snapshot.
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            Dao tx = handle.attach(Dao.class);
            long watermark = tx.snapshotXmin();
            if (distinct.isEmpty()) {
                return new GoalConversions(Map.of(), watermark);
            }
            Map<UUID, ConversionCount> byShape = new HashMap<>();
            tx.goalConversions(
                            SqlArrays.column(distinct, Map.Entry::getValue),
                            SqlArrays.column(distinct, e -> e.getKey().site()),
                            SqlArrays.column(distinct, e -> e.getKey().eventName()),
                            SqlArrays.column(distinct, e -> e.getKey().pathRegex()),
                            SqlArrays.column(distinct, e -> e.getKey().after()),
                            SqlArrays.column(distinct, e -> e.getKey().notBefore()),
                            watermark)
                    .forEach(row -> byShape.put(row.key(),
                            new ConversionCount(row.count(), SqlArrays.instant(row.first()), SqlArrays.instant(row.last()))));
            Map<UUID, ConversionCount> counts = new HashMap<>();
            shapeOfKey.forEach((key, shape) -> counts.put(key, byShape.getOrDefault(shape, new ConversionCount(0, null, null))));
            return new GoalConversions(counts, watermark);
        });
    }

    private record Shape(UUID site, String eventName, String pathRegex, Long after, Instant notBefore) {
    }

    private static String[] ids(Set<SiteId> sites) {
        return SqlArrays.column(sites, SiteId::value);
    }

    private static Map<SiteId, List<Count>> grouped(List<NamedRow> rows) {
        Map<SiteId, List<Count>> result = new HashMap<>();
        for (NamedRow row : rows) {
            result.computeIfAbsent(new SiteId(row.site()), s -> new ArrayList<>()).add(new Count(row.name(), row.visitors()));
        }
        return result;
    }

    public record CountRow(UUID site, long count) {
    }

    public record NamedRow(UUID site, String name, long visitors) {
    }

    public record ConversionRow(UUID key, long count, LocalDateTime first, LocalDateTime last) {
    }

    @RegisterRowMapper(CountRowMapper.class)
    @RegisterRowMapper(NamedRowMapper.class)
    @RegisterRowMapper(ConversionRowMapper.class)
    interface Dao {
        // DISTINCT in a subquery lets PostgreSQL hash the (site, visitor) pairs instead of sorting per group.
        @SqlQuery("SELECT site_id, count(*) FROM (SELECT DISTINCT site_id, visitor_id FROM events WHERE " + VISITS + ") v"
                + " GROUP BY site_id")
        List<CountRow> visitors(@Bind("sites") String[] sites, @Bind("from") LocalDateTime from, @Bind("to") LocalDateTime to);

        @SqlQuery("SELECT site_id, count(*) FROM visitor_last_seen"
                + " WHERE site_id = ANY (CAST(:sites AS uuid[])) AND last_seen >= :from GROUP BY site_id")
        List<CountRow> visitorsSince(@Bind("sites") String[] sites, @Bind("from") LocalDateTime from);

        @SqlQuery("SELECT site_id, count(*) AS current_visitors FROM visitor_last_seen"
                + " WHERE site_id = ANY (CAST(:sites AS uuid[])) AND last_seen >= :from GROUP BY site_id")
        List<CountRow> currentVisitors(@Bind("sites") String[] sites, @Bind("from") LocalDateTime from);

        @SqlQuery("SELECT site_id, source, visitors FROM ("
                + " SELECT site_id, source, count(DISTINCT visitor_id) AS visitors,"
                + "  row_number() OVER (PARTITION BY site_id ORDER BY count(DISTINCT visitor_id) DESC, source) AS rank"
                + " FROM events WHERE " + VISITS + " AND source IS NOT NULL GROUP BY site_id, source) ranked"
                + " WHERE rank <= :limit ORDER BY site_id, rank")
        List<NamedRow> topSources(@Bind("sites") String[] sites, @Bind("from") LocalDateTime from,
                                  @Bind("to") LocalDateTime to, @Bind("limit") int limit);

        @SqlQuery("SELECT site_id, pathname, visitors FROM ("
                + " SELECT site_id, pathname, count(DISTINCT visitor_id) AS visitors,"
                + "  row_number() OVER (PARTITION BY site_id ORDER BY count(DISTINCT visitor_id) DESC, pathname) AS rank"
                + " FROM events WHERE " + VISITS + " GROUP BY site_id, pathname) ranked"
                + " WHERE rank <= :limit ORDER BY site_id, rank")
        List<NamedRow> topPages(@Bind("sites") String[] sites, @Bind("from") LocalDateTime from,
                                @Bind("to") LocalDateTime to, @Bind("limit") int limit);

        @SqlQuery("SELECT q.key, count(*) FROM unnest(CAST(:keys AS uuid[]), CAST(:sites AS uuid[]), CAST(:names AS text[]),"
                + " CAST(:froms AS timestamp[])) AS q(key, site_id, name, from_ts)"
                + " JOIN events e ON e.site_id = q.site_id AND e.name = q.name AND e.timestamp BETWEEN q.from_ts AND :to"
                + " GROUP BY q.key")
        List<CountRow> eventCounts(@Bind("keys") String[] keys, @Bind("sites") String[] sites, @Bind("names") String[] names,
                                   @Bind("froms") String[] froms, @Bind("to") LocalDateTime to);

        /** Every transaction id below this has finished: nothing below it can still become visible. */
        @SqlQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        long snapshotXmin();

        // Conversions in [after watermark, snapshot xmin): each event falls in exactly one such window.
        // Before the first firing (no watermark) the trigger counts what happened since it was created.
        @SqlQuery("SELECT q.key, count(e.timestamp), min(e.timestamp), max(e.timestamp)"
                + " FROM unnest(CAST(:keys AS uuid[]), CAST(:sites AS uuid[]), CAST(:eventNames AS text[]),"
                + "  CAST(:pathRegexes AS text[]), CAST(:afters AS bigint[]), CAST(:notBefores AS timestamp[]))"
                + "  AS q(key, site_id, event_name, path_regex, after_watermark, not_before)"
                + " LEFT JOIN LATERAL (SELECT e.timestamp FROM events e"
                + "  WHERE e.site_id = q.site_id AND e.name = coalesce(q.event_name, 'pageview')"
                + "   AND e.xact_id >= coalesce(q.after_watermark, 0) AND e.xact_id < :watermark"
                + "   AND (q.after_watermark IS NOT NULL OR e.timestamp >= q.not_before)"
                + "   AND (q.path_regex IS NULL OR e.pathname ~ q.path_regex)) e ON true"
                + " GROUP BY q.key")
        List<ConversionRow> goalConversions(@Bind("keys") String[] keys, @Bind("sites") String[] sites,
                                            @Bind("eventNames") String[] eventNames, @Bind("pathRegexes") String[] pathRegexes,
                                            @Bind("afters") String[] afters, @Bind("notBefores") String[] notBefores,
                                            @Bind("watermark") long watermark);
    }

    public static final class CountRowMapper implements RowMapper<CountRow> {
        @Override
        public CountRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CountRow(rs.getObject(1, UUID.class), rs.getLong(2));
        }
    }

    public static final class NamedRowMapper implements RowMapper<NamedRow> {
        @Override
        public NamedRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new NamedRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3));
        }
    }

    public static final class ConversionRowMapper implements RowMapper<ConversionRow> {
        @Override
        public ConversionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ConversionRow(rs.getObject(1, UUID.class), rs.getLong(2),
                    rs.getObject(3, LocalDateTime.class), rs.getObject(4, LocalDateTime.class));
        }
    }
}
