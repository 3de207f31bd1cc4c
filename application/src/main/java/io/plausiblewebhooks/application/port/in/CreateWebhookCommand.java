package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Validation;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.util.Objects;

/** @param secret null to have one generated */
public record CreateWebhookCommand(AccountId caller, SiteId site, Name name, WebhookUrl url, Secret secret, boolean enabled) {
    public CreateWebhookCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        Validation v = new Validation();
        if (name == null) {
            v.reject("name", "is required");
        }
        if (url == null) {
            v.reject("url", "is required");
        }
        v.throwIfInvalid();
    }

    /** @param enabled null means true */
    public static CreateWebhookCommand from(AccountId caller, SiteId site, String name, String url, String secret,
                                            Boolean enabled) {
        CommandInput input = new CommandInput();
        Name checkedName = input.required("name", name, Name::new);
        WebhookUrl checkedUrl = input.required("url", url, WebhookUrl::new);
        Secret checkedSecret = input.optional(secret, Secret::new);
        input.throwIfInvalid();
        return new CreateWebhookCommand(caller, site, checkedName, checkedUrl, checkedSecret,
                enabled == null || enabled);
    }
}
