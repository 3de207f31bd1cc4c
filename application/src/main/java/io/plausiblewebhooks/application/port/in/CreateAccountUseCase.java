package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.ApiKeySecret;

public interface CreateAccountUseCase {
    /**
     * Creates an account with a first API key.
     *
     * @throws io.plausiblewebhooks.domain.ForbiddenException unless the caller is the admin account
     */
    CreatedAccount createAccount(CreateAccountCommand command);

    /** The new account and the plain text of its first key, shown once. */
    record CreatedAccount(Account account, ApiKeySecret apiKey) {
    }
}
