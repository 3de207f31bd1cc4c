package io.plausiblewebhooks.trigger.spi;

import java.util.Objects;
import java.util.UUID;

/** The site a trigger watches. */
public record SiteRef(UUID id, String domain) {
    public SiteRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
    }
}
