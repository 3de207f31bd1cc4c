package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import java.util.Optional;

public interface AuthenticateUseCase {
    /** The account a presented API key belongs to; empty for an unknown, revoked or malformed key. */
    Optional<AccountId> authenticate(String presentedKey);
}
