package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Objects;

/** Send the message of a recorded delivery again, with the same {@code webhook-id}. */
public record RedeliverMessageCommand(AccountId account, SiteId site, WebhookId webhook, DeliveryId delivery) {
    public RedeliverMessageCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(delivery, "delivery");
    }
}
