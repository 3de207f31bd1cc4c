package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.AccountRequests.CreateAccount;
import io.plausiblewebhooks.adapter.rest.dto.AccountResponses.CreatedAccountResponse;
import io.plausiblewebhooks.application.port.in.CreateAccountCommand;
import io.plausiblewebhooks.application.port.in.CreateAccountUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {
    private final CreateAccountUseCase createAccount;

    public AccountsResource(CreateAccountUseCase createAccount) {
        this.createAccount = createAccount;
    }

    /** Admin only (403 otherwise). The answer holds the new account's first API key, shown only here. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateAccount body) {
        CreateAccount request = Bodies.require(body);
        var created = createAccount.createAccount(CreateAccountCommand.from(Callers.account(security), request.name()));
        return Response.status(Response.Status.CREATED).entity(CreatedAccountResponse.of(created)).build();
    }
}
