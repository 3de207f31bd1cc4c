package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.AttemptRecord.MessageState;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the result of one attempt into what is stored: 2xx delivers; 410 fails the message and
 * disables the webhook; 3xx and everything else fail the attempt and retry on the schedule until
 * it is exhausted.
 */
public final class AttemptJudge {
    /** A webhook whose every attempt failed for this long is disabled. */
    public static final Duration DISABLE_AFTER_FAILING_FOR = Duration.ofDays(5);
    public static final String GONE_REASON = "the endpoint answered 410 Gone";
    public static final String DISABLED_WEBHOOK = "not sent: the webhook is disabled";

    private final RetryPolicy retryPolicy;

    public AttemptJudge(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** @param retry false for messages that get one attempt only (test events) */
    public AttemptRecord judge(ClaimedMessage message, SendResult result, Instant now, boolean retry) {
        // The log keeps microseconds, as PostgreSQL does, so that cursors compare exactly.
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int attempt = message.nextAttempt();
        WebhookDelivery delivery = new WebhookDelivery(DeliveryId.random(), message.webhookId(), message.triggerId(),
                message.id(), message.payload(), result.statusCode(), result.responseBody(), attempt,
                result.successful(), errorMessage(result), result.durationMs(), at);
        if (result.successful()) {
            return new AttemptRecord(message.id(), message.webhookId(), attempt, delivery, MessageState.DELIVERED,
                    null, null, null, at);
        }
        String error = delivery.errorMessage();
        if (Integer.valueOf(410).equals(result.statusCode())) {
            return new AttemptRecord(message.id(), message.webhookId(), attempt, delivery, MessageState.FAILED,
                    null, error, GONE_REASON, at);
        }
        Optional<Instant> next = retry ? retryPolicy.nextAttemptAt(attempt, result, at) : Optional.empty();
        return next.map(when -> new AttemptRecord(message.id(), message.webhookId(), attempt, delivery,
                        MessageState.PENDING, when, error, null, at))
                .orElseGet(() -> new AttemptRecord(message.id(), message.webhookId(), attempt, delivery,
                        MessageState.FAILED, null, error, null, at));
    }

    /** A message of a disabled webhook is settled as failed without an attempt. */
    public AttemptRecord notSent(ClaimedMessage message, Instant now) {
        return new AttemptRecord(message.id(), message.webhookId(), message.attemptsMade(), null, MessageState.FAILED,
                null, DISABLED_WEBHOOK, null, now.truncatedTo(ChronoUnit.MICROS));
    }

    private static String errorMessage(SendResult result) {
        if (result.error() != null) {
            return result.error();
        }
        int status = result.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 300 && status < 400) {
            return "HTTP " + status + ": redirects are not followed";
        }
        return "HTTP " + status;
    }
}
