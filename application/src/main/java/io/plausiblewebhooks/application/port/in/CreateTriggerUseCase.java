package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.WebhookTrigger;

public interface CreateTriggerUseCase {
    /**
     * Adds a trigger after its type's plugin accepted the configuration.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when the webhook is missing or not the caller's
     * @throws io.plausiblewebhooks.domain.ValidationException for an unknown type (on {@code trigger_type}),
     *         a goal of another site (on {@code goal_id}) or what the plugin rejects
     */
    WebhookTrigger createTrigger(CreateTriggerCommand command);
}
