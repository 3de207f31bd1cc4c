package io.plausiblewebhooks.adapter.rest.delivery;

import io.plausiblewebhooks.adapter.rest.Callers;
import io.plausiblewebhooks.adapter.rest.PathIds;
import io.plausiblewebhooks.application.port.in.DeliveryCursor;
import io.plausiblewebhooks.application.port.in.GetDeliveryCommand;
import io.plausiblewebhooks.application.port.in.GetDeliveryUseCase;
import io.plausiblewebhooks.application.port.in.ListDeliveriesCommand;
import io.plausiblewebhooks.application.port.in.ListDeliveriesUseCase;
import io.plausiblewebhooks.application.port.in.RedeliverMessageCommand;
import io.plausiblewebhooks.application.port.in.RedeliverMessageUseCase;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.Validation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * A webhook's delivery log: list, read, redeliver. (Rooted at {@code /deliveries}, not at the
 * webhook, so that the webhook's own resource keeps matching {@code …/webhooks/{webhook_id}}.)
 */
@Path("/api/v1/sites/{site_id}/webhooks/{webhook_id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {
    private final ListDeliveriesUseCase listDeliveries;
    private final GetDeliveryUseCase getDelivery;
    private final RedeliverMessageUseCase redeliver;

    public DeliveriesResource(ListDeliveriesUseCase listDeliveries, GetDeliveryUseCase getDelivery,
                              RedeliverMessageUseCase redeliver) {
        this.listDeliveries = listDeliveries;
        this.getDelivery = getDelivery;
        this.redeliver = redeliver;
    }

    @GET
    public DeliveryPageResponse list(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                     @PathParam("webhook_id") String webhookId, @QueryParam("success") String success,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        var caller = Callers.account(security);
        var site = PathIds.site(siteId);
        var webhook = PathIds.webhook(webhookId);
        Validation validation = new Validation();
        Boolean successFilter = parseSuccess(success, validation);
        int pageSize = parseLimit(limit, validation);
        DeliveryCursor position = cursor == null || cursor.isEmpty() ? null : validation.check(() -> DeliveryCursor.parse(cursor));
        validation.throwIfInvalid();
        return DeliveryPageResponse.of(listDeliveries.listDeliveries(
                new ListDeliveriesCommand(caller, site, webhook, successFilter, pageSize, position)));
    }

    @GET
    @Path("/{delivery_id}")
    public DeliveryResponse get(@Context SecurityContext security, @PathParam("site_id") String siteId,
                                @PathParam("webhook_id") String webhookId, @PathParam("delivery_id") String deliveryId) {
        return DeliveryResponse.of(getDelivery.getDelivery(new GetDeliveryCommand(Callers.account(security),
                PathIds.site(siteId), PathIds.webhook(webhookId), delivery(deliveryId))));
    }

    /** Queues the delivery's message again with the same {@code webhook-id}; the attempt shows up in the log. */
    @POST
    @Path("/{delivery_id}/redeliver")
    public Response redeliver(@Context SecurityContext security, @PathParam("site_id") String siteId,
                              @PathParam("webhook_id") String webhookId, @PathParam("delivery_id") String deliveryId) {
        DeliveryId id = delivery(deliveryId);
        redeliver.redeliver(new RedeliverMessageCommand(Callers.account(security), PathIds.site(siteId),
                PathIds.webhook(webhookId), id));
        return Response.accepted(Map.of("status", "queued")).build();
    }

    private static DeliveryId delivery(String text) {
        return PathIds.parse(text, DeliveryId::parse, "delivery");
    }

    private static Boolean parseSuccess(String text, Validation validation) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        validation.reject("success", "must be true or false");
        return null;
    }

    private static int parseLimit(String text, Validation validation) {
        if (text == null || text.isEmpty()) {
            return ListDeliveriesCommand.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= ListDeliveriesCommand.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        validation.reject("limit", "must be a whole number between 1 and " + ListDeliveriesCommand.MAX_LIMIT);
        return ListDeliveriesCommand.DEFAULT_LIMIT;
    }
}
