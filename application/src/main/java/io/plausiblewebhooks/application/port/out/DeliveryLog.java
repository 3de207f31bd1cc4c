package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the delivery log ({@code webhook_deliveries}), newest first. */
public interface DeliveryLog {
    Optional<WebhookDelivery> find(WebhookId webhook, DeliveryId id);

    /**
     * Up to {@code limit} deliveries of the webhook, newest first, older than the position
     * ({@code beforeInsertedAt}, {@code beforeId}) when given.
     *
     * @param success null for all, else only successful or only failed attempts
     */
    List<WebhookDelivery> list(WebhookId webhook, Boolean success, int limit, Instant beforeInsertedAt, DeliveryId beforeId);

    /** Deletes up to {@code limit} deliveries and finished messages older than {@code cutoff}; returns how many. */
    int prune(Instant cutoff, int limit);
}
