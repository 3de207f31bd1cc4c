package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.ZoneId;
import java.util.Objects;

/** @param statsSource null means the local source */
public record CreateSiteCommand(AccountId caller, SiteDomain domain, ZoneId timezone, StatsSourceInput statsSource) {
    public CreateSiteCommand {
        Objects.requireNonNull(caller, "caller");
        if (domain == null) {
            throw new ValidationException("domain", "is required");
        }
        Objects.requireNonNull(timezone, "timezone");
    }

    public CreateSiteCommand(AccountId caller, SiteDomain domain, ZoneId timezone) {
        this(caller, domain, timezone, null);
    }

    /** @param timezone an IANA name; null means UTC */
    public static CreateSiteCommand from(AccountId caller, String domain, String timezone) {
        return from(caller, domain, timezone, null);
    }

    /** @param statsSource null means the local source */
    public static CreateSiteCommand from(AccountId caller, String domain, String timezone, StatsSourceInput.Raw statsSource) {
        CommandInput input = new CommandInput();
        SiteDomain checkedDomain = input.required("domain", domain, SiteDomain::new);
        ZoneId zone = input.optional(timezone, Site::parseTimezone);
        StatsSourceInput source = StatsSourceInput.parse(input, statsSource);
        input.throwIfInvalid();
        return new CreateSiteCommand(caller, checkedDomain, zone == null ? Site.parseTimezone(null) : zone, source);
    }
}
