package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Site;

public interface UpdateSiteUseCase {
    /**
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or another account's
     * @throws io.plausiblewebhooks.domain.ValidationException naming the {@code stats_source.*} field
     */
    Site updateSite(UpdateSiteCommand command);
}
