package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Validation;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Objects;

/**
 * One page of a webhook's delivery log, newest first.
 *
 * @param success null for every attempt, else only successful or only failed ones
 * @param limit 1–100
 * @param cursor the {@code next_cursor} of the previous page, or null for the first page
 */
public record ListDeliveriesCommand(AccountId account, SiteId site, WebhookId webhook, Boolean success, int limit,
                                    DeliveryCursor cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public ListDeliveriesCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
        Validation validation = new Validation();
        if (limit < 1 || limit > MAX_LIMIT) {
            validation.reject("limit", "must be between 1 and " + MAX_LIMIT);
        }
        validation.throwIfInvalid();
    }
}
