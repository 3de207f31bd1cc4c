package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.domain.AccountId;
import java.security.Principal;
import java.util.Objects;

/** The authenticated caller of an {@code /api/v1} request: the account its API key belongs to. */
public record AccountPrincipal(AccountId accountId) implements Principal {
    public AccountPrincipal {
        Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String getName() {
        return accountId.toString();
    }
}
