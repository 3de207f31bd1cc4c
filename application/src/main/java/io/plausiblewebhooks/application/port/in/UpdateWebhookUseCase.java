package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Webhook;

public interface UpdateWebhookUseCase {
    /**
     * Changes what the command names. Enabling clears the disabled reason.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    Webhook updateWebhook(UpdateWebhookCommand command);
}
