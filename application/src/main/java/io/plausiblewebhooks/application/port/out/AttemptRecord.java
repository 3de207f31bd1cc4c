package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Instant;
import java.util.Objects;

/**
 * What to store after one attempt: its delivery-log row and the message's next state.
 *
 * @param delivery the log row; null when the message is settled without an attempt (disabled webhook)
 * @param nextAttemptAt when {@code state} is {@link MessageState#PENDING}, else null
 * @param disableWebhook a reason to disable the webhook (410 Gone), else null
 */
public record AttemptRecord(MessageId messageId, WebhookId webhookId, int attemptsMade, WebhookDelivery delivery,
                            MessageState state, Instant nextAttemptAt, String lastError, String disableWebhook,
                            Instant at) {
    public AttemptRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        if ((state == MessageState.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("a pending message needs its next attempt time, and only it");
        }
    }

    /** A successful attempt counts against the webhook's failure streak only when it failed. */
    public boolean succeeded() {
        return delivery != null && delivery.success();
    }

    public boolean failedAttempt() {
        return delivery != null && !delivery.success();
    }

    public enum MessageState {
        PENDING("pending"), DELIVERED("delivered"), FAILED("failed");

        private final String column;

        MessageState(String column) {
            this.column = column;
        }

        /** The value of {@code webhook_messages.status}. */
        public String column() {
            return column;
        }
    }
}
