package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.adapter.rest.dto.SiteRequests.CreateGoal;
import io.plausiblewebhooks.adapter.rest.dto.SiteResponses.GoalResponse;
import io.plausiblewebhooks.application.port.in.CreateGoalCommand;
import io.plausiblewebhooks.application.port.in.CreateGoalUseCase;
import io.plausiblewebhooks.application.port.in.DeleteGoalUseCase;
import io.plausiblewebhooks.application.port.in.ListGoalsUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/sites/{site_id}/goals")
@Produces(MediaType.APPLICATION_JSON)
public class GoalsResource {
    private final CreateGoalUseCase createGoal;
    private final ListGoalsUseCase listGoals;
    private final DeleteGoalUseCase deleteGoal;

    public GoalsResource(CreateGoalUseCase createGoal, ListGoalsUseCase listGoals, DeleteGoalUseCase deleteGoal) {
        this.createGoal = createGoal;
        this.listGoals = listGoals;
        this.deleteGoal = deleteGoal;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("site_id") String siteId, CreateGoal body) {
        CreateGoal request = Bodies.require(body);
        var goal = createGoal.createGoal(new CreateGoalCommand(Callers.account(security), PathIds.site(siteId),
                request.eventName(), request.pagePath(), request.displayName()));
        return Response.status(Response.Status.CREATED).entity(GoalResponse.of(goal)).build();
    }

    @GET
    public DataList<GoalResponse> list(@Context SecurityContext security, @PathParam("site_id") String siteId) {
        return new DataList<>(listGoals.listGoals(Callers.account(security), PathIds.site(siteId)).stream()
                .map(GoalResponse::of).toList());
    }

    @DELETE
    @Path("/{goal_id}")
    public Response delete(@Context SecurityContext security, @PathParam("site_id") String siteId,
                           @PathParam("goal_id") String goalId) {
        deleteGoal.deleteGoal(Callers.account(security), PathIds.site(siteId), PathIds.goal(goalId));
        return Response.noContent().build();
    }
}
