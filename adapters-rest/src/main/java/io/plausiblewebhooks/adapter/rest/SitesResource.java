package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.SiteRequests.CreateSite;
import io.plausiblewebhooks.adapter.rest.dto.SiteRequests.UpdateSite;
import io.plausiblewebhooks.adapter.rest.dto.SiteResponses.SiteResponse;
import io.plausiblewebhooks.application.port.in.CreateSiteCommand;
import io.plausiblewebhooks.application.port.in.CreateSiteUseCase;
import io.plausiblewebhooks.application.port.in.DeleteSiteUseCase;
import io.plausiblewebhooks.application.port.in.GetSiteUseCase;
import io.plausiblewebhooks.application.port.in.ListSitesUseCase;
import io.plausiblewebhooks.application.port.in.UpdateSiteCommand;
import io.plausiblewebhooks.application.port.in.UpdateSiteUseCase;
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

@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SitesResource {
    private final CreateSiteUseCase createSite;
    private final ListSitesUseCase listSites;
    private final GetSiteUseCase getSite;
    private final UpdateSiteUseCase updateSite;
    private final DeleteSiteUseCase deleteSite;

    public SitesResource(CreateSiteUseCase createSite, ListSitesUseCase listSites, GetSiteUseCase getSite,
                         UpdateSiteUseCase updateSite, DeleteSiteUseCase deleteSite) {
        this.createSite = createSite;
        this.listSites = listSites;
        this.getSite = getSite;
        this.updateSite = updateSite;
        this.deleteSite = deleteSite;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateSite body) {
        CreateSite request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        var site = createSite.createSite(CreateSiteCommand.from(caller, request.domain(), request.timezone(),
                request.statsSource() == null ? null : request.statsSource().raw()));
        return Response.status(Response.Status.CREATED).entity(SiteResponse.of(site)).build();
    }

    @GET
    public DataList<SiteResponse> list(@Context SecurityContext security) {
        return new DataList<>(listSites.listSites(Callers.account(security)).stream().map(SiteResponse::of).toList());
    }

    @GET
    @Path("/{site_id}")
    public SiteResponse get(@Context SecurityContext security, @PathParam("site_id") String siteId) {
        return SiteResponse.of(getSite.getSite(Callers.account(security), PathIds.site(siteId)));
    }

    @PATCH
    @Path("/{site_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SiteResponse update(@Context SecurityContext security, @PathParam("site_id") String siteId, UpdateSite body) {
        UpdateSite request = Bodies.require(body);
        AccountId caller = Callers.account(security);
        return SiteResponse.of(updateSite.updateSite(UpdateSiteCommand.from(caller, PathIds.site(siteId),
                request.timezone(), request.statsSource() == null ? null : request.statsSource().raw())));
    }

    @DELETE
    @Path("/{site_id}")
    public Response delete(@Context SecurityContext security, @PathParam("site_id") String siteId) {
        deleteSite.deleteSite(Callers.account(security), PathIds.site(siteId));
        return Response.noContent().build();
    }
}
