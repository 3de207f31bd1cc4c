package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.WebhookTrigger;

public interface UpdateTriggerUseCase {
    /**
     * Changes what the command names; the plugin validates the resulting configuration.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    WebhookTrigger updateTrigger(UpdateTriggerCommand command);
}
