package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Webhook;

public interface CreateWebhookUseCase {
    /**
     * Creates a webhook; a secret is generated when the command has none. The answer carries the
     * secret, the only time besides {@link GetWebhookSecretUseCase} that it is shown.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when the site is missing or another account's
     * @throws io.plausiblewebhooks.domain.ValidationException on {@code url} for a refused destination
     */
    Webhook createWebhook(CreateWebhookCommand command);
}
