package io.plausiblewebhooks.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A site whose traffic is watched, owned by one account. */
public record Site(SiteId id, AccountId accountId, SiteDomain domain, ZoneId timezone, Instant insertedAt) {
    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(insertedAt, "insertedAt");
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
