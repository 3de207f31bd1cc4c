package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message to put on the delivery queue. The payload is the whole webhook body as an ordered map
 * ({@code id, type, timestamp, data}); the queue adapter stores its JSON text, which is then sent
 * byte for byte on every attempt.
 *
 * @param triggerId null for messages no trigger fired (test events)
 */
public record QueuedMessage(MessageId id, WebhookId webhookId, TriggerId triggerId, String eventType,
                            Map<String, Object> payload, Instant dueAt) {
    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
