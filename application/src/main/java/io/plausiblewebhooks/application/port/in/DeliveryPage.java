package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.WebhookDelivery;
import java.util.List;

/** @param nextCursor the position after the last delivery, null on the last page */
public record DeliveryPage(List<WebhookDelivery> deliveries, DeliveryCursor nextCursor) {
    public DeliveryPage {
        deliveries = List.copyOf(deliveries);
    }
}
