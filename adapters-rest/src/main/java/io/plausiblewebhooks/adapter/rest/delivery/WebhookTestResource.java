package io.plausiblewebhooks.adapter.rest.delivery;

import io.plausiblewebhooks.adapter.rest.Callers;
import io.plausiblewebhooks.adapter.rest.PathIds;
import io.plausiblewebhooks.application.port.in.SendTestEventCommand;
import io.plausiblewebhooks.application.port.in.SendTestEventUseCase;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST …/test}: sends a {@code webhook.test} event now and answers with the attempt, whatever its outcome. */
@Path("/api/v1/sites/{site_id}/webhooks/{webhook_id}/test")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookTestResource {
    private final SendTestEventUseCase sendTestEvent;

    public WebhookTestResource(SendTestEventUseCase sendTestEvent) {
        this.sendTestEvent = sendTestEvent;
    }

    @POST
    public DeliveryResponse test(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                 @PathParam("webhook_id") String webhookId) {
        return DeliveryResponse.of(sendTestEvent.sendTestEvent(new SendTestEventCommand(Callers.account(security),
                PathIds.site(siteId), PathIds.webhook(webhookId))));
    }
}
