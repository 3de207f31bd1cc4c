package io.plausiblewebhooks.application.port.out;

import java.time.Duration;

/** What operators watch about trigger checks. Trigger types are few (one per loaded plugin), so they may label figures. */
public interface TriggerMetrics {
    /** How evaluating one trigger ended. */
    enum Result {
        /** The trigger fired and its message was enqueued. */
        FIRED,
        /** Evaluated; nothing to send (below threshold, cooling down, no new conversions). */
        QUIET,
        /** The plugin threw or returned something unusable. */
        ERROR
    }

    /** {@code count} triggers of {@code triggerType} were evaluated with {@code result}. */
    void evaluated(String triggerType, Result result, int count);

    /** One pass of the trigger check finished (all types). */
    void checkCompleted(Duration duration);

    /** Records nothing; for tests and tools that need no metrics. */
    TriggerMetrics NONE = new TriggerMetrics() {
        @Override
        public void evaluated(String triggerType, Result result, int count) {
        }

        @Override
        public void checkCompleted(Duration duration) {
        }
    };
}
