package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.Times;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.util.Map;

public final class WebhookResponses {
    private WebhookResponses() {
    }

    /** A webhook as listed and read: never its secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WebhookResponse(String id, String siteId, String name, String url, boolean enabled,
                                  String disabledReason, String insertedAt, String updatedAt) {
        public static WebhookResponse of(Webhook webhook) {
            return new WebhookResponse(webhook.id().toString(), webhook.siteId().toString(), webhook.name().value(),
                    webhook.url().value(), webhook.enabled(), webhook.disabledReason(),
                    Times.format(webhook.insertedAt()), Times.format(webhook.updatedAt()));
        }
    }

    /** A webhook as just created: the only answer besides {@link SecretResponse} that shows the secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatedWebhookResponse(String id, String siteId, String name, String url, String secret,
                                         boolean enabled, String disabledReason, String insertedAt,
                                         String updatedAt) {
        @Override
        public String toString() {
            return "CreatedWebhookResponse[id=" + id + ", secret=redacted]";
        }

        public static CreatedWebhookResponse of(Webhook webhook) {
            return new CreatedWebhookResponse(webhook.id().toString(), webhook.siteId().toString(),
                    webhook.name().value(), webhook.url().value(), webhook.secret().value(), webhook.enabled(),
                    webhook.disabledReason(), Times.format(webhook.insertedAt()), Times.format(webhook.updatedAt()));
        }
    }

    public record SecretResponse(String secret) {
        @Override
        public String toString() {
            return "SecretResponse[redacted]";
        }

        public static SecretResponse of(Secret secret) {
            return new SecretResponse(secret.value());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TriggerResponse(String id, String webhookId, String triggerType, Integer threshold, String goalId,
                                  boolean enabled, Map<String, Object> params, String insertedAt) {
        public static TriggerResponse of(WebhookTrigger trigger) {
            return new TriggerResponse(trigger.id().toString(), trigger.webhookId().toString(),
                    trigger.type().value(), trigger.threshold() == null ? null : trigger.threshold().value(),
                    trigger.goalId() == null ? null : trigger.goalId().toString(), trigger.enabled(),
                    trigger.params(), Times.format(trigger.insertedAt()));
        }
    }
}
