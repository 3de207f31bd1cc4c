package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.CreateTrigger;
import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.UpdateTrigger;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.TriggerResponse;
import io.plausiblewebhooks.application.port.in.CreateTriggerCommand;
import io.plausiblewebhooks.application.port.in.CreateTriggerUseCase;
import io.plausiblewebhooks.application.port.in.DeleteTriggerUseCase;
import io.plausiblewebhooks.application.port.in.ListTriggersUseCase;
import io.plausiblewebhooks.application.port.in.UpdateTriggerCommand;
import io.plausiblewebhooks.application.port.in.UpdateTriggerUseCase;
import io.plausiblewebhooks.domain.AccountId;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/sites/{site_id}/webhooks/{webhook_id}/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggersResource {
    private final CreateTriggerUseCase createTrigger;
    private final ListTriggersUseCase listTriggers;
    private final UpdateTriggerUseCase updateTrigger;
    private final DeleteTriggerUseCase deleteTrigger;

    public TriggersResource(CreateTriggerUseCase createTrigger, ListTriggersUseCase listTriggers,
                            UpdateTriggerUseCase updateTrigger, DeleteTriggerUseCase deleteTrigger) {
        this.createTrigger = createTrigger;
        this.listTriggers = listTriggers;
        this.updateTrigger = updateTrigger;
        this.deleteTrigger = deleteTrigger;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("site_id") String siteId,
                           @PathParam("webhook_id") String webhookId, CreateTrigger body) {
        CreateTrigger request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        var trigger = createTrigger.createTrigger(CreateTriggerCommand.from(caller, PathIds.site(siteId),
                PathIds.webhook(webhookId), request.triggerType(), request.threshold(), request.goalId(),
                request.enabled(), request.params()));
        return Response.status(Response.Status.CREATED).entity(TriggerResponse.of(trigger)).build();
    }

    @GET
    public DataList<TriggerResponse> list(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                          @PathParam("webhook_id") String webhookId) {
        return new DataList<>(listTriggers.listTriggers(Callers.account(security), PathIds.site(siteId),
                PathIds.webhook(webhookId)).stream().map(TriggerResponse::of).toList());
    }

    @PATCH
    @Path("/{trigger_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TriggerResponse update(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                  @PathParam("webhook_id") String webhookId, @PathParam("trigger_id") String triggerId,
                                  UpdateTrigger body) {
        UpdateTrigger request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        var trigger = updateTrigger.updateTrigger(UpdateTriggerCommand.from(caller, PathIds.site(siteId),
                PathIds.webhook(webhookId), PathIds.trigger(triggerId), request.threshold(), request.enabled(),
                request.params()));
        return TriggerResponse.of(trigger);
    }

    @DELETE
    @Path("/{trigger_id}")
    public Response delete(@Context SecurityContext security, @PathParam("site_id") String siteId,
                           @PathParam("webhook_id") String webhookId, @PathParam("trigger_id") String triggerId) {
        deleteTrigger.deleteTrigger(Callers.account(security), PathIds.site(siteId), PathIds.webhook(webhookId),
                PathIds.trigger(triggerId));
        return Response.noContent().build();
    }
}
