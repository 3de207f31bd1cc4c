package io.plausiblewebhooks.adapter.rest.delivery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.Times;
import io.plausiblewebhooks.domain.WebhookDelivery;

/** One attempt of the delivery log. {@code payload} is the JSON body that was sent, embedded as JSON. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "webhook_id", "trigger_id", "message_id", "payload", "status_code", "response_body",
        "attempt", "success", "error_message", "duration_ms", "inserted_at"})
public record DeliveryResponse(String id, String webhookId, String triggerId, String messageId,
                               @JsonRawValue String payload, Integer statusCode, String responseBody, int attempt,
                               boolean success, String errorMessage, Long durationMs, String insertedAt) {
    public static DeliveryResponse of(WebhookDelivery d) {
        return new DeliveryResponse(d.id().toString(), d.webhookId().toString(),
                d.triggerId() == null ? null : d.triggerId().toString(), d.messageId().external(), d.payload(),
                d.statusCode(), d.responseBody(), d.attempt(), d.success(), d.errorMessage(), d.durationMs(),
                Times.format(d.insertedAt()));
    }
}
