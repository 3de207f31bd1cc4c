package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.util.Objects;

/** A partial change: null fields stay as they are. */
public record UpdateWebhookCommand(AccountId caller, SiteId site, WebhookId webhook, Name name, WebhookUrl url,
                                   Boolean enabled) {
    public UpdateWebhookCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
    }

    public static UpdateWebhookCommand from(AccountId caller, SiteId site, WebhookId webhook, String name, String url,
                                            Boolean enabled) {
        CommandInput input = new CommandInput();
        Name checkedName = input.optional(name, Name::new);
        WebhookUrl checkedUrl = input.optional(url, WebhookUrl::new);
        input.throwIfInvalid();
        return new UpdateWebhookCommand(caller, site, webhook, checkedName, checkedUrl, enabled);
    }
}
