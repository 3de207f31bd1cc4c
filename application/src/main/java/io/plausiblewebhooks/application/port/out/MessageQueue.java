package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The durable delivery queue ({@code webhook_messages}) and the attempt log it writes. */
public interface MessageQueue {
    void enqueue(QueuedMessage message);

    /**
     * Enqueues a message already claimed by {@code owner}, for sending it at once (test events).
     *
     * @return the JSON body as stored, to be sent as is
     */
    String enqueueClaimed(QueuedMessage message, String owner, Instant leaseExpiresAt);

    /**
     * Claims up to {@code limit} pending messages due at {@code now} whose lease is free or expired,
     * skipping the webhooks in {@code skip}, and leases them to {@code owner} until {@code now + lease}.
     * One statement; concurrent claimers never get the same message.
     */
    List<ClaimedMessage> claim(String owner, int limit, Instant now, Duration lease, Collection<WebhookId> skip);

    /**
     * Stores attempts in one transaction: the delivery rows, the messages' next states, the
     * webhooks' failure streaks; disables webhooks asked to and those failing since before
     * {@code failingCutoff}.
     *
     * @return the webhooks this call disabled (not those that were disabled already)
     */
    DisabledWebhooks record(List<AttemptRecord> attempts, Instant failingCutoff);

    /** Gives up {@code owner}'s leases on these messages, so that any worker may claim them at once. */
    void release(String owner, Collection<MessageId> ids);

    /**
     * Makes the message of a delivery pending again, due now, with the same id (and so the same
     * {@code webhook-id}); restores it from the delivery's payload when it was already pruned.
     */
    void requeue(WebhookDelivery delivery, Instant now);
}
