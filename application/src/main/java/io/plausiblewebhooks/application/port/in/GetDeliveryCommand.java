package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Objects;

public record GetDeliveryCommand(AccountId account, SiteId site, WebhookId webhook, DeliveryId delivery) {
    public GetDeliveryCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(delivery, "delivery");
    }
}
