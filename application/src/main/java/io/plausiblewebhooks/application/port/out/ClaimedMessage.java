package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.util.List;
import java.util.Objects;

/**
 * A message a worker holds the lease of, with what sending it needs from its webhook.
 *
 * @param attemptsMade attempts before this one
 * @param payload the exact JSON body
 * @param secrets the secrets that sign now, current first
 */
public record ClaimedMessage(MessageId id, WebhookId webhookId, TriggerId triggerId, String payload, int attemptsMade,
                             WebhookUrl url, List<Secret> secrets, boolean webhookEnabled) {
    public ClaimedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(url, "url");
        secrets = List.copyOf(secrets);
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attemptsMade must not be negative");
        }
    }

    /** The number of the attempt about to be made, from 1. */
    public int nextAttempt() {
        return attemptsMade + 1;
    }

    @Override
    public String toString() {
        return "ClaimedMessage[" + id + " for webhook " + webhookId + ", attempts made " + attemptsMade + "]";
    }
}
