package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.ZoneId;
import java.util.Objects;

public record CreateSiteCommand(AccountId caller, SiteDomain domain, ZoneId timezone) {
    public CreateSiteCommand {
        Objects.requireNonNull(caller, "caller");
        if (domain == null) {
            throw new ValidationException("domain", "is required");
        }
        Objects.requireNonNull(timezone, "timezone");
    }

    /** @param timezone an IANA name; null means UTC */
    public static CreateSiteCommand from(AccountId caller, String domain, String timezone) {
        CommandInput input = new CommandInput();
        SiteDomain checkedDomain = input.required("domain", domain, SiteDomain::new);
        ZoneId zone = input.optional(timezone, Site::parseTimezone);
        input.throwIfInvalid();
        return new CreateSiteCommand(caller, checkedDomain, zone == null ? Site.parseTimezone(null) : zone);
    }
}
