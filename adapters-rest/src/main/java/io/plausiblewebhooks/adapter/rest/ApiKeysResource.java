package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.AccountRequests.CreateApiKey;
import io.plausiblewebhooks.adapter.rest.dto.AccountResponses.CreatedApiKeyResponse;
import io.plausiblewebhooks.application.port.in.CreateApiKeyCommand;
import io.plausiblewebhooks.application.port.in.CreateApiKeyUseCase;
import io.plausiblewebhooks.application.port.in.RevokeApiKeyUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {
    private final CreateApiKeyUseCase createApiKey;
    private final RevokeApiKeyUseCase revokeApiKey;

    public ApiKeysResource(CreateApiKeyUseCase createApiKey, RevokeApiKeyUseCase revokeApiKey) {
        this.createApiKey = createApiKey;
        this.revokeApiKey = revokeApiKey;
    }

    /** A new key for the caller's account; its plain text is shown only in this answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateApiKey body) {
        CreateApiKey request = Bodies.require(body);
        var created = createApiKey.createApiKey(CreateApiKeyCommand.from(Callers.account(security), request.name()));
        return Response.status(Response.Status.CREATED).entity(CreatedApiKeyResponse.of(created)).build();
    }

    @DELETE
    @Path("/{api_key_id}")
    public Response revoke(@Context SecurityContext security, @PathParam("api_key_id") String id) {
        revokeApiKey.revokeApiKey(Callers.account(security), PathIds.apiKey(id));
        return Response.noContent().build();
    }
}
