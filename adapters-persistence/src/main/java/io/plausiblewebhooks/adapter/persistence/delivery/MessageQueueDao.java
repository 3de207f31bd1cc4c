package io.plausiblewebhooks.adapter.persistence.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * The queue's SQL. A claim moves {@code next_attempt_at} to the end of the lease: a leased message
 * is not due, and falls due again by itself when the lease expires (a crashed instance).
 */
interface MessageQueueDao {
    @SqlUpdate("INSERT INTO webhook_messages (id, webhook_id, trigger_id, event_type, payload, status, attempts,"
            + " next_attempt_at, lease_owner, lease_expires_at, inserted_at, updated_at)"
            + " VALUES (:id, :webhookId, :triggerId, :eventType, :payload, 'pending', 0,"
            + " :nextAttemptAt, :leaseOwner, :leaseExpiresAt, :now, :now)")
    void insert(@Bind("id") UUID id, @Bind("webhookId") UUID webhookId, @Bind("triggerId") UUID triggerId,
                @Bind("eventType") String eventType, @Bind("payload") String payload,
                @Bind("nextAttemptAt") Instant nextAttemptAt, @Bind("leaseOwner") String leaseOwner,
                @Bind("leaseExpiresAt") Instant leaseExpiresAt, @Bind("now") Instant now);

    @SqlQuery("UPDATE webhook_messages m"
            + " SET lease_owner = :owner, lease_expires_at = :leaseUntil, next_attempt_at = :leaseUntil, updated_at = :now"
            + " FROM webhooks w"
            + " WHERE w.id = m.webhook_id AND m.id IN ("
            + "   SELECT id FROM webhook_messages"
            + "   WHERE status = 'pending' AND next_attempt_at <= :now AND webhook_id <> ALL(:skip)"
            + "   ORDER BY next_attempt_at"
            + "   LIMIT :limit"
            + "   FOR UPDATE SKIP LOCKED)"
            + " RETURNING m.id, m.webhook_id, m.trigger_id, m.payload, m.attempts, w.url, w.secret,"
            + " w.previous_secret, w.previous_secret_expires_at, coalesce(w.enabled, true) AS enabled")
    @UseRowMapper(ClaimedRowMapper.class)
    List<ClaimedRow> claim(@Bind("owner") String owner, @Bind("limit") int limit, @Bind("now") Instant now,
                           @Bind("leaseUntil") Instant leaseUntil, @Bind("skip") UUID[] skip);

    /** Webhook and trigger are looked up, not trusted: either may have been deleted since the claim. */
    @SqlBatch("INSERT INTO webhook_deliveries (id, webhook_id, trigger_id, message_id, payload, status_code,"
            + " response_body, attempt, success, error_message, duration_ms, inserted_at)"
            + " SELECT :id, w.id, t.id, :messageId, CAST(:payload AS jsonb), :statusCode, :responseBody, :attempt,"
            + " :success, :errorMessage, :durationMs, :insertedAt"
            + " FROM webhooks w LEFT JOIN webhook_triggers t ON t.id = :triggerId"
            + " WHERE w.id = :webhookId")
    void insertDeliveries(@BindMethods Iterable<DeliveryRow> rows);

    @SqlBatch("UPDATE webhook_messages SET status = :status, attempts = :attempts,"
            + " next_attempt_at = coalesce(:nextAttemptAt, next_attempt_at), lease_owner = NULL,"
            + " lease_expires_at = NULL, last_error = :lastError, updated_at = :at"
            + " WHERE id = :messageId AND status = 'pending'")
    void updateMessages(@BindMethods Iterable<MessageStateRow> rows);

    @SqlUpdate("UPDATE webhooks SET failing_since = :at WHERE id = ANY(:ids) AND failing_since IS NULL")
    void startFailing(@Bind("ids") UUID[] ids, @Bind("at") Instant at);

    @SqlUpdate("UPDATE webhooks SET failing_since = NULL WHERE id = ANY(:ids) AND failing_since IS NOT NULL")
    void stopFailing(@Bind("ids") UUID[] ids);

    @SqlUpdate("UPDATE webhooks SET enabled = false, disabled_reason = :reason, updated_at = :at"
            + " WHERE id = ANY(:ids) AND coalesce(enabled, true) AND failing_since <= :cutoff")
    int disableFailingSince(@Bind("ids") UUID[] ids, @Bind("cutoff") Instant cutoff, @Bind("reason") String reason,
                             @Bind("at") Instant at);

    @SqlUpdate("UPDATE webhooks SET enabled = false, disabled_reason = :reason, updated_at = :at"
            + " WHERE id = :id AND coalesce(enabled, true)")
    int disable(@Bind("id") UUID id, @Bind("reason") String reason, @Bind("at") Instant at);

    @SqlUpdate("UPDATE webhook_messages SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = :now,"
            + " updated_at = :now WHERE id = ANY(:ids) AND lease_owner = :owner AND status = 'pending'")
    void release(@Bind("owner") String owner, @Bind("ids") UUID[] ids, @Bind("now") Instant now);

    /** Pending again, due now, same id; restored from the delivery's payload if already pruned. */
    @SqlUpdate("INSERT INTO webhook_messages (id, webhook_id, trigger_id, event_type, payload, status, attempts,"
            + " next_attempt_at, inserted_at, updated_at)"
            + " SELECT :id, w.id, t.id, coalesce(CAST(:payload AS jsonb) ->> 'type', 'unknown'), :payload, 'pending', 0,"
            + " :now, :now, :now"
            + " FROM webhooks w LEFT JOIN webhook_triggers t ON t.id = :triggerId WHERE w.id = :webhookId"
            + " ON CONFLICT (id) DO UPDATE SET status = 'pending', next_attempt_at = :now, lease_owner = NULL,"
            + " lease_expires_at = NULL, updated_at = :now")
    void requeue(@Bind("id") UUID id, @Bind("webhookId") UUID webhookId, @Bind("triggerId") UUID triggerId,
                 @Bind("payload") String payload, @Bind("now") Instant now);
}
