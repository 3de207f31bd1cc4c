package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.RotateSecret;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.SecretResponse;
import io.plausiblewebhooks.application.port.in.GetWebhookSecretUseCase;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretCommand;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/sites/{site_id}/webhooks/{webhook_id}/secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {
    private final GetWebhookSecretUseCase getSecret;
    private final RotateWebhookSecretUseCase rotateSecret;

    public WebhookSecretResource(GetWebhookSecretUseCase getSecret, RotateWebhookSecretUseCase rotateSecret) {
        this.getSecret = getSecret;
        this.rotateSecret = rotateSecret;
    }

    @GET
    public SecretResponse get(@Context SecurityContext security, @PathParam("site_id") String siteId,
                              @PathParam("webhook_id") String webhookId) {
        return SecretResponse.of(getSecret.getWebhookSecret(Callers.account(security), PathIds.site(siteId),
                PathIds.webhook(webhookId)));
    }

    /** The body is optional: without one, or without {@code secret}, a new secret is generated. */
    @POST
    @Path("/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public SecretResponse rotate(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                 @PathParam("webhook_id") String webhookId, RotateSecret body) {
        String secret = body == null ? null : body.secret();
        return SecretResponse.of(rotateSecret.rotateWebhookSecret(RotateWebhookSecretCommand.from(
                Callers.account(security), PathIds.site(siteId), PathIds.webhook(webhookId), secret)));
    }
}
