package io.plausiblewebhooks.adapter.persistence.delivery;

import io.plausiblewebhooks.application.port.out.DeliveryLog;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** The delivery log, read newest first by (inserted_at, id) with keyset paging. */
public final class JdbiDeliveryLog implements DeliveryLog {
    private static final String COLUMNS = "id, webhook_id, trigger_id, message_id, payload::text AS payload, status_code,"
            + " response_body, coalesce(attempt, 1) AS attempt, success, error_message, duration_ms, inserted_at";

    private final Jdbi jdbi;

    public JdbiDeliveryLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    interface Dao {
        @SqlQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook AND id = :id")
        @UseRowMapper(DeliveryMapper.class)
        Optional<WebhookDelivery> find(@Bind("webhook") UUID webhook, @Bind("id") UUID id);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook"
                + " AND (CAST(:success AS boolean) IS NULL OR success = :success)"
                + " AND (CAST(:beforeAt AS timestamp) IS NULL OR (inserted_at, id) < (:beforeAt, :beforeId))"
                + " ORDER BY inserted_at DESC, id DESC LIMIT :limit")
        @UseRowMapper(DeliveryMapper.class)
        List<WebhookDelivery> list(@Bind("webhook") UUID webhook, @Bind("success") Boolean success,
                                   @Bind("limit") int limit, @Bind("beforeAt") Instant beforeAt,
                                   @Bind("beforeId") UUID beforeId);

        @SqlUpdate("DELETE FROM webhook_deliveries WHERE id IN"
                + " (SELECT id FROM webhook_deliveries WHERE inserted_at < :cutoff LIMIT :limit)")
        int pruneDeliveries(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

        @SqlUpdate("DELETE FROM webhook_messages WHERE id IN (SELECT id FROM webhook_messages"
                + " WHERE status <> 'pending' AND updated_at < :cutoff LIMIT :limit)")
        int pruneMessages(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
    }

    @Override
    public Optional<WebhookDelivery> find(WebhookId webhook, DeliveryId id) {
        return jdbi.withExtension(Dao.class, dao -> dao.find(webhook.value(), id.value()));
    }

    @Override
    public List<WebhookDelivery> list(WebhookId webhook, Boolean success, int limit, Instant beforeInsertedAt,
                                      DeliveryId beforeId) {
        return jdbi.withExtension(Dao.class, dao -> dao.list(webhook.value(), success, limit, beforeInsertedAt,
                beforeId == null ? null : beforeId.value()));
    }

    @Override
    public int prune(Instant cutoff, int limit) {
        return jdbi.withExtension(Dao.class, dao -> dao.pruneDeliveries(cutoff, limit) + dao.pruneMessages(cutoff, limit));
    }

    public static final class DeliveryMapper implements RowMapper<WebhookDelivery> {
        @Override
        public WebhookDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
            UUID trigger = rs.getObject("trigger_id", UUID.class);
            UUID message = rs.getObject("message_id", UUID.class);
            long duration = rs.getLong("duration_ms");
            Long durationMs = rs.wasNull() ? null : duration;
            int status = rs.getInt("status_code");
            Integer statusCode = rs.wasNull() ? null : status;
            UUID id = rs.getObject("id", UUID.class);
            return new WebhookDelivery(new DeliveryId(id), new WebhookId(rs.getObject("webhook_id", UUID.class)),
                    trigger == null ? null : new TriggerId(trigger),
                    // Seed rows written before message ids existed: the delivery stands for its own message.
                    new MessageId(message == null ? id : message),
                    rs.getString("payload"), statusCode, rs.getString("response_body"), rs.getInt("attempt"),
                    rs.getBoolean("success"), rs.getString("error_message"), durationMs,
                    Utc.instant(rs.getObject("inserted_at", LocalDateTime.class)));
        }
    }
}
