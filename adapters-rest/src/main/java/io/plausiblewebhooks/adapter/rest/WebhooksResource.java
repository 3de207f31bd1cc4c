package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.CreateWebhook;
import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.UpdateWebhook;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.CreatedWebhookResponse;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.WebhookResponse;
import io.plausiblewebhooks.application.port.in.CreateWebhookCommand;
import io.plausiblewebhooks.application.port.in.CreateWebhookUseCase;
import io.plausiblewebhooks.application.port.in.DeleteWebhookUseCase;
import io.plausiblewebhooks.application.port.in.GetWebhookUseCase;
import io.plausiblewebhooks.application.port.in.ListWebhooksUseCase;
import io.plausiblewebhooks.application.port.in.UpdateWebhookCommand;
import io.plausiblewebhooks.application.port.in.UpdateWebhookUseCase;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
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

@Path("/api/v1/sites/{site_id}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {
    private final CreateWebhookUseCase createWebhook;
    private final ListWebhooksUseCase listWebhooks;
    private final GetWebhookUseCase getWebhook;
    private final UpdateWebhookUseCase updateWebhook;
    private final DeleteWebhookUseCase deleteWebhook;

    public WebhooksResource(CreateWebhookUseCase createWebhook, ListWebhooksUseCase listWebhooks,
                            GetWebhookUseCase getWebhook, UpdateWebhookUseCase updateWebhook,
                            DeleteWebhookUseCase deleteWebhook) {
        this.createWebhook = createWebhook;
        this.listWebhooks = listWebhooks;
        this.getWebhook = getWebhook;
        this.updateWebhook = updateWebhook;
        this.deleteWebhook = deleteWebhook;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("site_id") String siteId,
                           CreateWebhook body) {
        CreateWebhook request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        SiteId site = PathIds.site(siteId);
        var webhook = createWebhook.createWebhook(CreateWebhookCommand.from(caller, site, request.name(),
                request.url(), request.secret(), request.enabled()));
        return Response.status(Response.Status.CREATED).entity(CreatedWebhookResponse.of(webhook)).build();
    }

    @GET
    public DataList<WebhookResponse> list(@Context SecurityContext security, @PathParam("site_id") String siteId) {
        return new DataList<>(listWebhooks.listWebhooks(Callers.account(security), PathIds.site(siteId)).stream()
                .map(WebhookResponse::of).toList());
    }

    @GET
    @Path("/{webhook_id}")
    public WebhookResponse get(@Context SecurityContext security, @PathParam("site_id") String siteId,
                               @PathParam("webhook_id") String webhookId) {
        return WebhookResponse.of(getWebhook.getWebhook(Callers.account(security), PathIds.site(siteId),
                PathIds.webhook(webhookId)));
    }

    @PATCH
    @Path("/{webhook_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookResponse update(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                  @PathParam("webhook_id") String webhookId, UpdateWebhook body) {
        UpdateWebhook request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        var webhook = updateWebhook.updateWebhook(UpdateWebhookCommand.from(caller, PathIds.site(siteId),
                PathIds.webhook(webhookId), request.name(), request.url(), request.enabled()));
        return WebhookResponse.of(webhook);
    }

    @DELETE
    @Path("/{webhook_id}")
    public Response delete(@Context SecurityContext security, @PathParam("site_id") String siteId,
                           @PathParam("webhook_id") String webhookId) {
        deleteWebhook.deleteWebhook(Callers.account(security), PathIds.site(siteId), PathIds.webhook(webhookId));
        return Response.noContent().build();
    }
}
