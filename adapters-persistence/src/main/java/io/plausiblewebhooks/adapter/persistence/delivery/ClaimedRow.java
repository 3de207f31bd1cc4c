package io.plausiblewebhooks.adapter.persistence.delivery;

import java.time.Instant;
import java.util.UUID;

/** A claimed message joined with its webhook, as the claim statement returns it. */
record ClaimedRow(UUID id, UUID webhookId, UUID triggerId, String payload, int attempts, String url, String secret,
                  String previousSecret, Instant previousSecretExpiresAt, boolean enabled) {
}
