package io.plausiblewebhooks.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP attempt to deliver a message: the seed's delivery row. {@code triggerId} is null for
 * messages no trigger fired (test events, redeliveries of a deleted trigger's message).
 *
 * @param payload the JSON body that was sent
 * @param responseBody at most the first 16 KiB of what the receiver answered
 */
public record WebhookDelivery(
        DeliveryId id,
        WebhookId webhookId,
        TriggerId triggerId,
        MessageId messageId,
        String payload,
        Integer statusCode,
        String responseBody,
        int attempt,
        boolean success,
        String errorMessage,
        Long durationMs,
        Instant insertedAt) {

    public static final int MAX_RESPONSE_BODY_BYTES = 16 * 1024;

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(insertedAt, "insertedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }
}
