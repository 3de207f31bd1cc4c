package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Secret;

public interface RotateWebhookSecretUseCase {
    /**
     * Makes a new secret current; the previous one keeps signing for
     * {@link io.plausiblewebhooks.domain.Webhook#ROTATION_OVERLAP}.
     *
     * @return the new secret
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    Secret rotateWebhookSecret(RotateWebhookSecretCommand command);
}
