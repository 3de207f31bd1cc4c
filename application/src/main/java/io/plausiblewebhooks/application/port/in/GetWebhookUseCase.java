package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;

public interface GetWebhookUseCase {
    /**
     * The webhook, checked to be the caller's. Resources below a webhook (deliveries, test) use it
     * to scope their work to the caller.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's
     */
    Webhook getWebhook(AccountId caller, SiteId site, WebhookId webhook);
}
