package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Objects;

/** Send a {@code webhook.test} event to the webhook now. */
public record SendTestEventCommand(AccountId account, SiteId site, WebhookId webhook) {
    public SendTestEventCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
    }
}
