package io.plausiblewebhooks.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A condition on a site's traffic that sends its webhook. What {@code threshold}, {@code goalId}
 * and {@code params} mean is the business of the trigger type's plugin, which validates them; the
 * host keeps {@code lastFiredAt} (cooldowns) and {@code watermark} (what was already counted).
 *
 * @param params JSON-like values: String, Number, Boolean, List, Map (never null values inside)
 */
public record WebhookTrigger(
        TriggerId id,
        WebhookId webhookId,
        TriggerType type,
        Threshold threshold,
        GoalId goalId,
        boolean enabled,
        Map<String, Object> params,
        Instant insertedAt,
        Instant lastFiredAt,
        Long watermark) {

    public WebhookTrigger {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(insertedAt, "insertedAt");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static WebhookTrigger create(WebhookId webhookId, TriggerType type, Threshold threshold, GoalId goalId,
                                        boolean enabled, Map<String, Object> params, Instant now) {
        return new WebhookTrigger(TriggerId.random(), webhookId, type, threshold, goalId, enabled, params, now, null, null);
    }

    public WebhookTrigger withThreshold(Threshold newThreshold) {
        return new WebhookTrigger(id, webhookId, type, newThreshold, goalId, enabled, params, insertedAt, lastFiredAt, watermark);
    }

    public WebhookTrigger withEnabled(boolean newEnabled) {
        return new WebhookTrigger(id, webhookId, type, threshold, goalId, newEnabled, params, insertedAt, lastFiredAt, watermark);
    }

    public WebhookTrigger withParams(Map<String, Object> newParams) {
        return new WebhookTrigger(id, webhookId, type, threshold, goalId, enabled, newParams, insertedAt, lastFiredAt, watermark);
    }

    public WebhookTrigger recordFiring(Instant at, Long newWatermark) {
        return new WebhookTrigger(id, webhookId, type, threshold, goalId, enabled, params, insertedAt, at,
                newWatermark == null ? watermark : newWatermark);
    }
}
