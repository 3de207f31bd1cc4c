package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.application.port.in.AuthenticateUseCase;
import io.plausiblewebhooks.domain.AccountId;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Requires {@code Authorization: Bearer <api key>} on every {@code /api/v1} path (the public
 * {@code /api/event} is not under it). Runs before resource matching, so an unauthenticated caller
 * learns nothing about which paths exist. Keys are looked up on every request, so a revoked key
 * stops working at once.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    private static final String SCHEME = "Bearer ";

    private final AuthenticateUseCase authenticate;

    public ApiKeyAuthFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isProtected(request.getUriInfo().getPath())) {
            return;
        }
        Optional<AccountId> caller = presentedKey(request).flatMap(authenticate::authenticate);
        if (caller.isEmpty()) {
            Response unauthorized = Problems.response(Response.Status.UNAUTHORIZED,
                    "a valid API key is required: Authorization: Bearer <api key>");
            request.abortWith(Response.fromResponse(unauthorized)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        request.setSecurityContext(new ApiKeySecurityContext(new AccountPrincipal(caller.get()),
                request.getSecurityContext().isSecure()));
    }

    static boolean isProtected(String path) {
        // Leading slashes are stripped the way resource matching ignores them ("//api/v1/sites").
        String normalized = path.replaceFirst("^/+", "");
        return normalized.equals("api/v1") || normalized.startsWith("api/v1/");
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length()).trim()).filter(k -> !k.isEmpty());
    }

    private record ApiKeySecurityContext(AccountPrincipal principal, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
