package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public final class JdbiTriggerRepository implements TriggerRepository {
    /** The columns {@link TriggerMapper} reads; other adapters selecting triggers may reuse them. */
    public static final String COLUMNS = "id, webhook_id, trigger_type, threshold, goal_id,"
            + " coalesce(enabled, true) AS enabled, params::text AS params, inserted_at, last_fired_at, watermark";

    private final Dao dao;

    public JdbiTriggerRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(WebhookTrigger t) {
        dao.insert(t.id(), t.webhookId(), t.type().value(), threshold(t), t.goalId(), t.enabled(),
                JsonParams.write(t.params()), t.insertedAt(), t.lastFiredAt(), t.watermark());
    }

    @Override
    public List<WebhookTrigger> listByWebhook(WebhookId webhook) {
        return dao.listByWebhook(webhook);
    }

    @Override
    public Optional<WebhookTrigger> find(WebhookId webhook, TriggerId id) {
        return dao.find(webhook, id);
    }

    @Override
    public boolean update(WebhookTrigger t) {
        return dao.update(t.id(), threshold(t), t.enabled(), JsonParams.write(t.params())) > 0;
    }

    @Override
    public boolean delete(WebhookId webhook, TriggerId id) {
        return dao.delete(webhook, id) > 0;
    }

    private static Integer threshold(WebhookTrigger t) {
        return t.threshold() == null ? null : t.threshold().value();
    }

    @RegisterRowMapper(TriggerMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO webhook_triggers (id, webhook_id, trigger_type, threshold, goal_id, enabled, params,"
                + " inserted_at, last_fired_at, watermark)"
                + " VALUES (:id, :webhookId, :type, :threshold, :goalId, :enabled, CAST(:params AS jsonb),"
                + " :insertedAt, :lastFiredAt, :watermark)")
        void insert(@Bind("id") TriggerId id, @Bind("webhookId") WebhookId webhookId, @Bind("type") String type,
                    @Bind("threshold") Integer threshold, @Bind("goalId") GoalId goalId,
                    @Bind("enabled") boolean enabled, @Bind("params") String params,
                    @Bind("insertedAt") Instant insertedAt, @Bind("lastFiredAt") Instant lastFiredAt,
                    @Bind("watermark") Long watermark);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhook_triggers WHERE webhook_id = :webhookId ORDER BY inserted_at, id")
        List<WebhookTrigger> listByWebhook(@Bind("webhookId") WebhookId webhookId);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhook_triggers WHERE id = :id AND webhook_id = :webhookId")
        Optional<WebhookTrigger> find(@Bind("webhookId") WebhookId webhookId, @Bind("id") TriggerId id);

        // Firing state (last_fired_at, watermark) is written by the trigger engine only.
        @SqlUpdate("UPDATE webhook_triggers SET threshold = :threshold, enabled = :enabled, params = CAST(:params AS jsonb)"
                + " WHERE id = :id")
        int update(@Bind("id") TriggerId id, @Bind("threshold") Integer threshold, @Bind("enabled") boolean enabled,
                   @Bind("params") String params);

        @SqlUpdate("DELETE FROM webhook_triggers WHERE id = :id AND webhook_id = :webhookId")
        int delete(@Bind("webhookId") WebhookId webhookId, @Bind("id") TriggerId id);
    }

    public static final class TriggerMapper implements RowMapper<WebhookTrigger> {
        @Override
        public WebhookTrigger map(ResultSet rs, StatementContext ctx) throws SQLException {
            Integer threshold = rs.getObject("threshold", Integer.class);
            UUID goalId = rs.getObject("goal_id", UUID.class);
            Long watermark = rs.getObject("watermark", Long.class);
            return new WebhookTrigger(
                    new TriggerId(rs.getObject("id", UUID.class)),
                    new WebhookId(rs.getObject("webhook_id", UUID.class)),
                    new TriggerType(rs.getString("trigger_type")),
                    threshold == null ? null : new Threshold(threshold),
                    goalId == null ? null : new GoalId(goalId),
                    rs.getBoolean("enabled"),
                    JsonParams.read(rs.getString("params")),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)),
                    JdbiConfigurer.toInstant(rs.getObject("last_fired_at", LocalDateTime.class)),
                    watermark);
        }
    }
}
