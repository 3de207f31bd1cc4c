package io.plausiblewebhooks.application.port.out;

import java.time.Duration;

/** What operators watch about sending: how attempts end, how long they take, which webhooks got switched off. */
public interface DeliveryMetrics {
    /** How one recorded attempt ended. */
    enum Outcome {
        /** 2xx: the message is delivered. */
        SUCCESS,
        /** Failed and will be tried again on the schedule. */
        FAILURE,
        /** Failed for good: schedule exhausted, webhook gone (410) or disabled. */
        GAVE_UP
    }

    /** One attempt was recorded; {@code duration} is the request's time on the wire (zero when nothing was sent). */
    void attemptRecorded(Outcome outcome, Duration duration);

    /** Why the service switched a webhook off. */
    enum DisableReason {
        /** The receiver answered 410 Gone. */
        GONE,
        /** Every attempt failed for 5 days. */
        FAILING
    }

    /** {@code count} webhooks were disabled by the service for {@code reason}. */
    void webhooksDisabled(DisableReason reason, int count);

    /** Records nothing; for tests and tools that need no metrics. */
    DeliveryMetrics NONE = new DeliveryMetrics() {
        @Override
        public void attemptRecorded(Outcome outcome, Duration duration) {
        }

        @Override
        public void webhooksDisabled(DisableReason reason, int count) {
        }
    };
}
