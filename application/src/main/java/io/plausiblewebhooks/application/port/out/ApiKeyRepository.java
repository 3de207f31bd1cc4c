package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeyId;
import java.util.Optional;

public interface ApiKeyRepository {
    void insert(ApiKey key);

    /** Looks a key up by the SHA-256 hex of its secret. */
    Optional<ApiKey> findByHash(String keyHash);

    /** @return false when the key does not exist or belongs to another account */
    boolean delete(AccountId owner, ApiKeyId id);

    boolean anyExists();
}
