package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;

public interface GetWebhookSecretUseCase {
    /**
     * The current signing secret.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    Secret getWebhookSecret(AccountId caller, SiteId site, WebhookId webhook);
}
