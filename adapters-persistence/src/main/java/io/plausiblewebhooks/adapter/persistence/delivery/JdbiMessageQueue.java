package io.plausiblewebhooks.adapter.persistence.delivery;

import io.plausiblewebhooks.adapter.persistence.JdbiWebhookRepository;
import io.plausiblewebhooks.adapter.persistence.SecretBox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.DisabledWebhooks;
import io.plausiblewebhooks.application.port.out.MessageQueue;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The delivery queue on PostgreSQL: one-statement claims with {@code FOR UPDATE SKIP LOCKED}, batched writes. */
public final class JdbiMessageQueue implements MessageQueue {
    public static final String FAILING_REASON = "every delivery attempt failed for 5 days";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final SecretBox box;

    /** @param box opens the webhook secrets, sealed at rest by {@link JdbiWebhookRepository} with the same box */
    public JdbiMessageQueue(Jdbi jdbi, ObjectMapper json, SecretBox box) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.json = Objects.requireNonNull(json, "json");
        this.box = Objects.requireNonNull(box, "box");
    }

    /** With {@link SecretBox#ephemeral()}, like {@code new JdbiWebhookRepository(jdbi)}: for tests and benchmarks. */
    public JdbiMessageQueue(Jdbi jdbi, ObjectMapper json) {
        this(jdbi, json, SecretBox.ephemeral());
    }

    @Override
    public void enqueue(QueuedMessage message) {
        String body = serialize(message);
        jdbi.useExtension(MessageQueueDao.class, dao -> dao.insert(message.id().value(), message.webhookId().value(),
                triggerUuid(message.triggerId()), message.eventType(), body, message.dueAt(), null, null, message.dueAt()));
    }

    @Override
    public String enqueueClaimed(QueuedMessage message, String owner, Instant leaseExpiresAt) {
        String body = serialize(message);
        jdbi.useExtension(MessageQueueDao.class, dao -> dao.insert(message.id().value(), message.webhookId().value(),
                triggerUuid(message.triggerId()), message.eventType(), body, leaseExpiresAt, owner, leaseExpiresAt,
                message.dueAt()));
        return body;
    }

    @Override
    public List<ClaimedMessage> claim(String owner, int limit, Instant now, Duration lease, Collection<WebhookId> skip) {
        UUID[] skipped = skip.stream().map(WebhookId::value).toArray(UUID[]::new);
        List<ClaimedRow> rows = jdbi.withExtension(MessageQueueDao.class,
                dao -> dao.claim(owner, limit, now, now.plus(lease), skipped));
        List<ClaimedMessage> claimed = new ArrayList<>(rows.size());
        for (ClaimedRow row : rows) {
            List<Secret> secrets = new ArrayList<>(2);
            WebhookId webhookId = new WebhookId(row.webhookId());
            secrets.add(new Secret(box.open(row.secret(), JdbiWebhookRepository.context(webhookId, "secret"))));
            if (row.previousSecret() != null && row.previousSecretExpiresAt() != null
                    && now.isBefore(row.previousSecretExpiresAt())) {
                secrets.add(new Secret(box.open(row.previousSecret(),
                        JdbiWebhookRepository.context(webhookId, "previous_secret"))));
            }
            claimed.add(new ClaimedMessage(new MessageId(row.id()), new WebhookId(row.webhookId()),
                    row.triggerId() == null ? null : new TriggerId(row.triggerId()), row.payload(), row.attempts(),
                    new WebhookUrl(row.url()), secrets, row.enabled()));
        }
        return claimed;
    }

    @Override
    public DisabledWebhooks record(List<AttemptRecord> attempts, Instant failingCutoff) {
        if (attempts.isEmpty()) {
            return DisabledWebhooks.NONE;
        }
        List<DeliveryRow> deliveries = new ArrayList<>(attempts.size());
        List<MessageStateRow> states = new ArrayList<>(attempts.size());
        // Sorted, so that concurrent writers lock webhook rows in the same order.
        TreeSet<UUID> succeeded = new TreeSet<>();
        TreeSet<UUID> failed = new TreeSet<>();
        Instant latest = attempts.get(0).at();
        for (AttemptRecord attempt : attempts) {
            if (attempt.delivery() != null) {
                deliveries.add(DeliveryRow.of(attempt.delivery()));
            }
            states.add(MessageStateRow.of(attempt));
            if (attempt.succeeded()) {
                succeeded.add(attempt.webhookId().value());
            } else if (attempt.failedAttempt()) {
                failed.add(attempt.webhookId().value());
            }
            if (attempt.at().isAfter(latest)) {
                latest = attempt.at();
            }
        }
        Instant at = latest;
        return jdbi.inTransaction(handle -> {
            MessageQueueDao dao = handle.attach(MessageQueueDao.class);
            if (!deliveries.isEmpty()) {
                dao.insertDeliveries(deliveries);
            }
            dao.updateMessages(states);
            int failing = 0;
            if (!failed.isEmpty()) {
                UUID[] ids = failed.toArray(UUID[]::new);
                dao.startFailing(ids, at);
                failing = dao.disableFailingSince(ids, failingCutoff, FAILING_REASON, at);
            }
            if (!succeeded.isEmpty()) {
                dao.stopFailing(succeeded.toArray(UUID[]::new));
            }
            int gone = 0;
            for (AttemptRecord attempt : attempts) {
                if (attempt.disableWebhook() != null) {
                    gone += dao.disable(attempt.webhookId().value(), attempt.disableWebhook(), attempt.at());
                }
            }
            return new DisabledWebhooks(gone, failing);
        });
    }

    @Override
    public void release(String owner, Collection<MessageId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        UUID[] uuids = ids.stream().map(MessageId::value).toArray(UUID[]::new);
        jdbi.useExtension(MessageQueueDao.class, dao -> dao.release(owner, uuids, Instant.now()));
    }

    @Override
    public void requeue(WebhookDelivery delivery, Instant now) {
        jdbi.useExtension(MessageQueueDao.class, dao -> dao.requeue(delivery.messageId().value(),
                delivery.webhookId().value(), triggerUuid(delivery.triggerId()), delivery.payload(), now));
    }

    private String serialize(QueuedMessage message) {
        try {
            return json.writeValueAsString(message.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not representable as JSON", e);
        }
    }

    private static UUID triggerUuid(TriggerId trigger) {
        return trigger == null ? null : trigger.value();
    }
}
