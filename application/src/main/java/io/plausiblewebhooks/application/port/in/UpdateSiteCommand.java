package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteId;
import java.time.ZoneId;
import java.util.Objects;

/** A partial change of a site; null fields stay as they are. The domain cannot change. */
public record UpdateSiteCommand(AccountId caller, SiteId site, ZoneId timezone, StatsSourceInput statsSource) {
    public UpdateSiteCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
    }

    public static UpdateSiteCommand from(AccountId caller, SiteId site, String timezone, StatsSourceInput.Raw statsSource) {
        CommandInput input = new CommandInput();
        ZoneId zone = input.optional(timezone, Site::parseTimezone);
        StatsSourceInput source = StatsSourceInput.parse(input, statsSource);
        input.throwIfInvalid();
        return new UpdateSiteCommand(caller, site, zone, source);
    }
}
