package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKeyId;

public interface RevokeApiKeyUseCase {
    /**
     * Deletes one of the caller's keys; it stops working at once.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException when missing or another account's
     */
    void revokeApiKey(AccountId caller, ApiKeyId id);
}
