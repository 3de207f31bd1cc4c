package io.plausiblewebhooks.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A site whose traffic is watched, owned by one account.
 *
 * @param statsSource where its statistics come from
 * @param lastError why its source could not be read at the last check; null when it could
 */
public record Site(SiteId id, AccountId accountId, SiteDomain domain, ZoneId timezone, Instant insertedAt,
                   StatsSource statsSource, StatsSourceError lastError) {
    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(insertedAt, "insertedAt");
        Objects.requireNonNull(statsSource, "statsSource");
    }

    /** A site on the local stats source. */
    public Site(SiteId id, AccountId accountId, SiteDomain domain, ZoneId timezone, Instant insertedAt) {
        this(id, accountId, domain, timezone, insertedAt, StatsSource.local(), null);
    }

    /** The same site reading its statistics from another source; a previous source's error no longer applies. */
    public Site withStatsSource(StatsSource source) {
        return new Site(id, accountId, domain, timezone, insertedAt, source, source.equals(statsSource) ? lastError : null);
    }

    public Site withTimezone(ZoneId zone) {
        return new Site(id, accountId, domain, zone, insertedAt, statsSource, lastError);
    }

    /** Parses an IANA time zone name ("Europe/Berlin"); null or empty means UTC. */
    public static ZoneId parseTimezone(String name) {
        if (name == null || name.isEmpty()) {
            return ZoneId.of("Etc/UTC");
        }
        try {
            if (!ZoneId.getAvailableZoneIds().contains(name)) {
                throw new DateTimeException(name);
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new ValidationException("timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }
}
