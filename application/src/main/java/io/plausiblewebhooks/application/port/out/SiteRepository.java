package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface SiteRepository {
    /** @throws io.plausiblewebhooks.domain.ConflictException (field {@code domain}) when the domain is taken */
    void insert(Site site);

    /** Oldest first. */
    List<Site> listByAccount(AccountId owner);

    /** Empty when missing or owned by another account. */
    Optional<Site> find(AccountId owner, SiteId id);

    Optional<Site> findByDomain(SiteDomain domain);

    /**
     * Writes the site's timezone and stats source (the key sealed at rest); {@code last_error} is
     * written as given.
     *
     * @param sourceChangedAt when the stats source changed, or null when it did not
     * @return false when the site no longer exists
     */
    boolean update(Site site, Instant sourceChangedAt);

    /** Deletes the site and, by cascade, its goals, webhooks, triggers and deliveries. */
    boolean delete(AccountId owner, SiteId id);
}
