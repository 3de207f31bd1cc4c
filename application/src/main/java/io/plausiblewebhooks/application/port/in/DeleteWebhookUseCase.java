package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;

public interface DeleteWebhookUseCase {
    /**
     * Deletes the webhook with its triggers and deliveries.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    void deleteWebhook(AccountId caller, SiteId site, WebhookId webhook);
}
