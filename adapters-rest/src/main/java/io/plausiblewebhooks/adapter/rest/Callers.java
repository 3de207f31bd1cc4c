package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.domain.AccountId;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * How a resource learns who calls it. {@link ApiKeyAuthFilter} authenticates every {@code /api/v1}
 * request before it reaches a resource and installs a {@link SecurityContext} whose principal is an
 * {@link AccountPrincipal}. A resource method takes {@code @Context SecurityContext security} and
 * calls {@code Callers.account(security)}.
 */
public final class Callers {
    private Callers() {
    }

    /** @throws NotAuthorizedException when the request was not authenticated (a path outside /api/v1) */
    public static AccountId account(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof AccountPrincipal principal) {
            return principal.accountId();
        }
        throw new NotAuthorizedException("Bearer");
    }
}
