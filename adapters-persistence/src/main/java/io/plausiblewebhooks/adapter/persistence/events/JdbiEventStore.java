package io.plausiblewebhooks.adapter.persistence.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.application.port.out.EventStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes a batch of events with one statement; deletes old ones in bounded batches. */
public final class JdbiEventStore implements EventStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dao dao;

    public JdbiEventStore(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void append(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        dao.append(
                SqlArrays.column(events, e -> e.site().value()),
                SqlArrays.column(events, NewEvent::timestamp),
                SqlArrays.column(events, NewEvent::name),
                SqlArrays.column(events, NewEvent::pathname),
                SqlArrays.column(events, NewEvent::source),
                SqlArrays.column(events, NewEvent::visitorId),
                SqlArrays.column(events, e -> e.props().isEmpty() ? null : json(e)),
                SqlArrays.column(events, e -> e.revenueAmount() == null ? null : e.revenueAmount().toPlainString()),
                SqlArrays.column(events, NewEvent::revenueCurrency));
    }

    /**
     * Also prunes visitors last seen before the cutoff, so both tables cover the same period (a visitor
     * has at least one event, so they run out no later than the events do).
     */
    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        int events = dao.deleteOlderThan(SqlArrays.utc(cutoff), limit);
        dao.deleteVisitorsLastSeenBefore(SqlArrays.utc(cutoff), limit);
        return events;
    }

    private static String json(NewEvent event) {
        try {
            return JSON.writeValueAsString(event.props());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event props are not representable as JSON", e);
        }
    }

    interface Dao {
        @SqlUpdate("INSERT INTO events (site_id, timestamp, name, pathname, source, visitor_id, props,"
                + " revenue_amount, revenue_currency)"
                + " SELECT * FROM unnest(CAST(:sites AS uuid[]), CAST(:times AS timestamp[]), CAST(:names AS text[]),"
                + " CAST(:paths AS text[]), CAST(:sources AS text[]), CAST(:visitors AS bigint[]),"
                + " CAST(:props AS jsonb[]), CAST(:amounts AS numeric[]), CAST(:currencies AS text[]))")
        void append(@Bind("sites") String[] sites, @Bind("times") String[] times, @Bind("names") String[] names,
                    @Bind("paths") String[] paths, @Bind("sources") String[] sources,
                    @Bind("visitors") String[] visitors, @Bind("props") String[] props,
                    @Bind("amounts") String[] amounts, @Bind("currencies") String[] currencies);

        // ctid picks rows without an id column; the limit keeps each delete (and its locks) short.
        @SqlUpdate("DELETE FROM events WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE timestamp < :cutoff LIMIT :limit))")
        int deleteOlderThan(@Bind("cutoff") LocalDateTime cutoff, @Bind("limit") int limit);

        @SqlUpdate("DELETE FROM visitor_last_seen WHERE (site_id, visitor_id) IN"
                + " (SELECT site_id, visitor_id FROM visitor_last_seen WHERE last_seen < :cutoff LIMIT :limit)")
        int deleteVisitorsLastSeenBefore(@Bind("cutoff") LocalDateTime cutoff, @Bind("limit") int limit);
    }
}
