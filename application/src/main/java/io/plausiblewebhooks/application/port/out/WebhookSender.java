package io.plausiblewebhooks.application.port.out;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed webhook request. Never throws and never completes exceptionally: every
 * failure (refused destination, timeout, TLS error, ...) is an {@link SendResult} with an error.
 */
public interface WebhookSender {
    CompletableFuture<SendResult> send(OutgoingWebhook webhook);
}
