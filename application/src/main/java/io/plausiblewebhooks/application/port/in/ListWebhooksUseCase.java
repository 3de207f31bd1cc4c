package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import java.util.List;

public interface ListWebhooksUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when the site is missing or another account's */
    List<Webhook> listWebhooks(AccountId caller, SiteId site);
}
