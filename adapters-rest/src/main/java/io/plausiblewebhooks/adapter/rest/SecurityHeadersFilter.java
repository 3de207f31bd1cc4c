package io.plausiblewebhooks.adapter.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/** Stops browsers from sniffing API answers into something executable; answers are never cached. */
public class SecurityHeadersFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        if (ApiKeyAuthFilter.isProtected(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
