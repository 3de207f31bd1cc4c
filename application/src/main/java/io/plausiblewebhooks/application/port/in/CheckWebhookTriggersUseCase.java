package io.plausiblewebhooks.application.port.in;

/** One check of every enabled trigger: evaluates them and enqueues a message for each that fires. */
public interface CheckWebhookTriggersUseCase {

    CheckReport checkTriggers();

    /**
     * @param active enabled triggers of enabled webhooks
     * @param evaluated those handed to a plugin (known type, valid, out of cooldown)
     * @param fired firings recorded and enqueued
     * @param lost firings dropped because another checker fired the trigger first
     * @param failedTypes trigger types whose plugin failed during this check
     */
    record CheckReport(int active, int evaluated, int fired, int lost, int failedTypes) {
    }
}
