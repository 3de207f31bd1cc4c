package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.AccountResponses.TriggerTypeResponse;
import io.plausiblewebhooks.application.port.in.ListTriggerTypesUseCase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/trigger-types")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerTypesResource {
    private final ListTriggerTypesUseCase listTriggerTypes;

    public TriggerTypesResource(ListTriggerTypesUseCase listTriggerTypes) {
        this.listTriggerTypes = listTriggerTypes;
    }

    @GET
    public DataList<TriggerTypeResponse> list(@Context SecurityContext security) {
        Callers.account(security); // any authenticated account may see them
        return new DataList<>(listTriggerTypes.listTriggerTypes().stream().map(TriggerTypeResponse::of).toList());
    }
}
