package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;

/**
 * Resolves resources through the caller's account, so that another account's site, and everything
 * below it, is not found exactly like a missing one.
 */
class Ownership {
    private final SiteRepository sites;
    private final WebhookRepository webhooks;

    Ownership(SiteRepository sites, WebhookRepository webhooks) {
        this.sites = sites;
        this.webhooks = webhooks;
    }

    Site site(AccountId caller, SiteId site) {
        return sites.find(caller, site).orElseThrow(() -> new NotFoundException("site"));
    }

    Webhook webhook(AccountId caller, SiteId site, WebhookId webhook) {
        Site owned = site(caller, site);
        return webhooks.find(owned.id(), webhook).orElseThrow(() -> new NotFoundException("webhook"));
    }
}
