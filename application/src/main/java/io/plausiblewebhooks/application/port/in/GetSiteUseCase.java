package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteId;

public interface GetSiteUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when missing or another account's */
    Site getSite(AccountId caller, SiteId site);
}
