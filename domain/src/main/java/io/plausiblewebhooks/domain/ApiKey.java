package io.plausiblewebhooks.domain;

import java.time.Instant;
import java.util.Objects;

/** A stored API key: the SHA-256 hash of its secret, never the secret itself. */
public record ApiKey(ApiKeyId id, AccountId accountId, Name name, String keyHash, Instant insertedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(insertedAt, "insertedAt");
        if (keyHash == null || !keyHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("keyHash must be a hex SHA-256");
        }
    }

    public static ApiKey issue(AccountId accountId, Name name, ApiKeySecret secret, Instant now) {
        return new ApiKey(ApiKeyId.random(), accountId, name, secret.hash(), now);
    }
}
