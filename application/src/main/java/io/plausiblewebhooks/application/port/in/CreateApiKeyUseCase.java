package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeySecret;

public interface CreateApiKeyUseCase {
    /** Issues a new key for the caller's own account. */
    CreatedApiKey createApiKey(CreateApiKeyCommand command);

    /** The stored key and its plain text, which is shown once and never stored. */
    record CreatedApiKey(ApiKey key, ApiKeySecret secret) {
    }
}
