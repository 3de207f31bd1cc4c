package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request to send: the body exactly as stored, signed with every secret in {@code secrets}
 * (the current one first; two during a rotation) at {@code timestamp}.
 */
public record OutgoingWebhook(WebhookUrl url, MessageId messageId, String body, List<Secret> secrets, Instant timestamp) {
    public OutgoingWebhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs the request");
        }
    }
}
