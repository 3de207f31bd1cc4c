package io.plausiblewebhooks.adapter.persistence.delivery;

import io.plausiblewebhooks.domain.WebhookDelivery;
import java.time.Instant;
import java.util.UUID;

/** A delivery-log row to insert. */
public record DeliveryRow(UUID id, UUID webhookId, UUID triggerId, UUID messageId, String payload, Integer statusCode,
                          String responseBody, int attempt, boolean success, String errorMessage, Long durationMs,
                          Instant insertedAt) {
    static DeliveryRow of(WebhookDelivery d) {
        return new DeliveryRow(d.id().value(), d.webhookId().value(), d.triggerId() == null ? null : d.triggerId().value(),
                d.messageId().value(), d.payload(), d.statusCode(), d.responseBody(), d.attempt(), d.success(),
                d.errorMessage(), d.durationMs(), d.insertedAt());
    }
}
