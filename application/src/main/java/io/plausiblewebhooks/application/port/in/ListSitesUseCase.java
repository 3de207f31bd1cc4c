package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import java.util.List;

public interface ListSitesUseCase {
    /** The caller's sites, oldest first. */
    List<Site> listSites(AccountId caller);
}
