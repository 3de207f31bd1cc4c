package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Site;

public interface CreateSiteUseCase {
    /** @throws io.plausiblewebhooks.domain.ConflictException (field {@code domain}) when the domain is taken */
    Site createSite(CreateSiteCommand command);
}
