package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.ApiRequest;
import java.util.Map;

/** Request bodies for webhooks, secrets and triggers. Missing fields are null. */
public final class WebhookRequests {
    private WebhookRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateWebhook(String name, String url, String secret, Boolean enabled) implements ApiRequest {
        @Override
        public String toString() {
            return "CreateWebhook[name=" + name + ", url=" + url + ", secret=" + (secret == null ? null : "redacted")
                    + ", enabled=" + enabled + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UpdateWebhook(String name, String url, Boolean enabled) implements ApiRequest {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RotateSecret(String secret) implements ApiRequest {
        @Override
        public String toString() {
            return "RotateSecret[secret=" + (secret == null ? null : "redacted") + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateTrigger(String triggerType, Integer threshold, String goalId, Boolean enabled,
                                Map<String, Object> params) implements ApiRequest {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UpdateTrigger(Integer threshold, Boolean enabled, Map<String, Object> params) implements ApiRequest {
    }
}
