package io.plausiblewebhooks.domain;

import java.time.Instant;
import java.util.Objects;

/** A tenant. Its API keys see only its own sites; the admin account may also create accounts. */
public record Account(AccountId id, Name name, boolean admin, Instant insertedAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(insertedAt, "insertedAt");
    }
}
