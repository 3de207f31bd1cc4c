package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.StatsSourceError;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The per-site stats sources as the trigger check needs them, and the outcome of reading them. */
public interface StatsSourceStore {

    /** The sites among {@code sites} that read a Plausible Stats API; local sites are absent. */
    Map<SiteId, RemoteSite> remoteSources(Set<SiteId> sites);

    /** Sets each site's {@code last_error}. */
    void recordErrors(Map<SiteId, StatsSourceError> errors);

    /** Clears the {@code last_error} of sites whose source answered. */
    void clearErrors(Set<SiteId> sites);

    /** How many plausible_api sites have a {@code last_error}. */
    int countFailing();

    /** @param since when the site started reading this source (its creation, or the last change of source) */
    record RemoteSite(SiteId site, StatsSource.PlausibleApi source, Instant since) {
        public RemoteSite {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(since, "since");
        }
    }
}
