package io.plausiblewebhooks.adapter.persistence.delivery;

import io.plausiblewebhooks.application.port.out.AttemptRecord;
import java.time.Instant;
import java.util.UUID;

/** A message's state after an attempt. */
public record MessageStateRow(UUID messageId, String status, int attempts, Instant nextAttemptAt, String lastError,
                              Instant at) {
    static MessageStateRow of(AttemptRecord r) {
        return new MessageStateRow(r.messageId().value(), r.state().column(), r.attemptsMade(), r.nextAttemptAt(),
                r.lastError(), r.at());
    }
}
