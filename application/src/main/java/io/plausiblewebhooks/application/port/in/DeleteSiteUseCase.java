package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;

public interface DeleteSiteUseCase {
    /**
     * Deletes the site with its goals, webhooks, triggers and deliveries.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or another account's
     */
    void deleteSite(AccountId caller, SiteId site);
}
