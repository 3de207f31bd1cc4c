package io.plausiblewebhooks.adapter.persistence.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.persistence.events.SqlArrays;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.lang.System.Logger.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The trigger check's reads and writes. Recording firings is one statement: it updates the triggers
 * whose firing state is still the evaluated one and enqueues a message for exactly those. Under
 * concurrent checkers, the second update of a row waits for the first to commit, then re-checks the
 * condition on the new row and skips it — so a trigger fires once per episode whichever instance wins.
 */
public final class JdbiTriggerFiringStore implements TriggerFiringStore {
    private static final System.Logger LOG = System.getLogger(JdbiTriggerFiringStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Jdbi jdbi;

    public JdbiTriggerFiringStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<ActiveTrigger> loadActive() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        -- ActiveTriggerMapper reads these columns by position
                        SELECT t.id, t.webhook_id, t.trigger_type, t.threshold, t.goal_id, t.params::text AS params,
                               t.inserted_at, t.last_fired_at, t.watermark, s.id AS site_id, s.domain,
                               g.id AS goal, g.event_name, g.page_path, g.display_name
                        FROM webhook_triggers t
                        JOIN webhooks w ON w.id = t.webhook_id
                        JOIN sites s ON s.id = w.site_id
                        LEFT JOIN goals g ON g.id = t.goal_id AND g.site_id = s.id
                        WHERE coalesce(t.enabled, true) AND coalesce(w.enabled, true)""")
                .setFetchSize(10_000)
                .map(new ActiveTriggerMapper())
                .list());
    }

    @Override
    public Set<TriggerId> recordFirings(List<PendingFiring> all) {
        // A payload that cannot be written as JSON (a plugin's mistake) loses its own firing, not the others'.
        List<PendingFiring> firings = new ArrayList<>(all.size());
        List<String> payloads = new ArrayList<>(all.size());
        for (PendingFiring firing : all) {
            try {
                payloads.add(JSON.writeValueAsString(firing.payload()));
                firings.add(firing);
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.log(Level.ERROR, "Firing of trigger " + firing.evaluated().id() + " dropped: its payload is not JSON", e);
            }
        }
        if (firings.isEmpty()) {
            return Set.of();
        }
        List<UUID> fired = jdbi.withHandle(handle -> handle.createQuery("""
                        WITH f AS (
                          SELECT * FROM unnest(CAST(:triggers AS uuid[]), CAST(:expectedFiredAt AS timestamp[]),
                                 CAST(:expectedWatermarks AS bigint[]), CAST(:firedAt AS timestamp[]),
                                 CAST(:newWatermarks AS bigint[]), CAST(:messages AS uuid[]), CAST(:webhooks AS uuid[]),
                                 CAST(:types AS text[]), CAST(:payloads AS text[]))
                            AS f(trigger_id, expected_fired_at, expected_watermark, fired_at, new_watermark,
                                 message_id, webhook_id, event_type, payload)
                        ), fired AS (
                          UPDATE webhook_triggers t
                          SET last_fired_at = f.fired_at, watermark = coalesce(f.new_watermark, t.watermark)
                          FROM f
                          WHERE t.id = f.trigger_id
                            AND t.last_fired_at IS NOT DISTINCT FROM f.expected_fired_at
                            AND t.watermark IS NOT DISTINCT FROM f.expected_watermark
                          RETURNING t.id
                        )
                        INSERT INTO webhook_messages (id, webhook_id, trigger_id, event_type, payload, status, attempts,
                                                      next_attempt_at, inserted_at, updated_at)
                        SELECT f.message_id, f.webhook_id, f.trigger_id, f.event_type, f.payload, 'pending', 0,
                               f.fired_at, f.fired_at, f.fired_at
                        FROM f JOIN fired ON fired.id = f.trigger_id
                        RETURNING trigger_id""")
                .bind("triggers", SqlArrays.column(firings, f -> f.evaluated().id().value()))
                .bind("expectedFiredAt", SqlArrays.column(firings, f -> f.evaluated().lastFiredAt()))
                .bind("expectedWatermarks", SqlArrays.column(firings, f -> f.evaluated().watermark()))
                .bind("firedAt", SqlArrays.column(firings, PendingFiring::firedAt))
                .bind("newWatermarks", SqlArrays.column(firings, PendingFiring::newWatermark))
                .bind("messages", SqlArrays.column(firings, f -> f.messageId().value()))
                .bind("webhooks", SqlArrays.column(firings, f -> f.evaluated().webhookId().value()))
                .bind("types", SqlArrays.column(firings, PendingFiring::eventType))
                .bind("payloads", payloads.toArray(new String[0]))
                .mapTo(UUID.class)
                .list());
        Set<TriggerId> result = new HashSet<>();
        fired.forEach(id -> result.add(new TriggerId(id)));
        return result;
    }

    /**
     * Maps a trigger row with its site and goal; goals and sites repeat, so they are built once each.
     * Columns are read by position from the driver's own result set: a check maps every active trigger
     * (100,000 in the benchmark), and each getter through the pool's proxy is a reflective call.
     */
    private static final class ActiveTriggerMapper implements RowMapper<ActiveTrigger> {
        // Positions in loadActive's SELECT list.
        private static final int ID = 1;
        private static final int WEBHOOK_ID = 2;
        private static final int TYPE = 3;
        private static final int THRESHOLD = 4;
        private static final int GOAL_ID = 5;
        private static final int PARAMS = 6;
        private static final int INSERTED_AT = 7;
        private static final int LAST_FIRED_AT = 8;
        private static final int WATERMARK = 9;
        private static final int SITE_ID = 10;
        private static final int DOMAIN = 11;
        private static final int GOAL = 12;
        private static final int EVENT_NAME = 13;
        private static final int PAGE_PATH = 14;
        private static final int DISPLAY_NAME = 15;

        private final Map<UUID, Goal> goals = new HashMap<>();
        private final Map<UUID, SiteDomain> domains = new HashMap<>();
        private final Map<String, TriggerType> types = new HashMap<>();
        private final Map<String, Map<String, Object>> params = new HashMap<>();

        @Override
        public ActiveTrigger map(ResultSet proxied, StatementContext ctx) throws SQLException {
            ResultSet rs = proxied.isWrapperFor(ResultSet.class) ? proxied.unwrap(ResultSet.class) : proxied;
            UUID siteId = rs.getObject(SITE_ID, UUID.class);
            SiteDomain domain = domains.get(siteId);
            if (domain == null) {
                domain = new SiteDomain(rs.getString(DOMAIN));
                domains.put(siteId, domain);
            }
            int threshold = rs.getInt(THRESHOLD);
            boolean noThreshold = rs.wasNull() || threshold <= 0;
            UUID goalId = rs.getObject(GOAL_ID, UUID.class);
            long watermark = rs.getLong(WATERMARK);
            boolean noWatermark = rs.wasNull();
            WebhookTrigger trigger = new WebhookTrigger(
                    new TriggerId(rs.getObject(ID, UUID.class)),
                    new WebhookId(rs.getObject(WEBHOOK_ID, UUID.class)),
                    types.computeIfAbsent(rs.getString(TYPE), TriggerType::new),
                    noThreshold ? null : new Threshold(threshold),
                    goalId == null ? null : new GoalId(goalId),
                    true,
                    params.computeIfAbsent(rs.getString(PARAMS), JdbiTriggerFiringStore::readParams),
                    SqlArrays.instant(rs.getObject(INSERTED_AT, LocalDateTime.class)),
                    SqlArrays.instant(rs.getObject(LAST_FIRED_AT, LocalDateTime.class)),
                    noWatermark ? null : watermark);
            UUID goal = rs.getObject(GOAL, UUID.class);
            return new ActiveTrigger(trigger, new SiteId(siteId), domain, goal == null ? null : goalOf(rs, goal, siteId));
        }

        private Goal goalOf(ResultSet rs, UUID id, UUID siteId) throws SQLException {
            Goal goal = goals.get(id);
            if (goal == null) {
                goal = new Goal(new GoalId(id), new SiteId(siteId), rs.getString(EVENT_NAME), rs.getString(PAGE_PATH),
                        rs.getString(DISPLAY_NAME));
                goals.put(id, goal);
            }
            return goal;
        }
    }

    private static Map<String, Object> readParams(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "Ignoring trigger params that are not a JSON object");
            return Map.of();
        }
    }
}
