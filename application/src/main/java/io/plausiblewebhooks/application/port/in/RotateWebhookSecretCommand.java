package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Objects;

/** @param newSecret null to have one generated */
public record RotateWebhookSecretCommand(AccountId caller, SiteId site, WebhookId webhook, Secret newSecret) {
    public RotateWebhookSecretCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
    }

    public static RotateWebhookSecretCommand from(AccountId caller, SiteId site, WebhookId webhook, String secret) {
        CommandInput input = new CommandInput();
        Secret checkedSecret = input.optional(secret, Secret::new);
        input.throwIfInvalid();
        return new RotateWebhookSecretCommand(caller, site, webhook, checkedSecret);
    }
}
