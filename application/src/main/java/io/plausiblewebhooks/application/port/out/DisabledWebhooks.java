package io.plausiblewebhooks.application.port.out;

/**
 * How many webhooks one {@link MessageQueue#record} switched off, by why.
 *
 * @param gone answered 410 Gone
 * @param failing every attempt failed for {@code AttemptJudge.DISABLE_AFTER_FAILING_FOR}
 */
public record DisabledWebhooks(int gone, int failing) {
    public static final DisabledWebhooks NONE = new DisabledWebhooks(0, 0);

    public DisabledWebhooks {
        if (gone < 0 || failing < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
