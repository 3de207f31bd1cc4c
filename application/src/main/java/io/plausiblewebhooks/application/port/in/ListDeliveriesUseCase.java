package io.plausiblewebhooks.application.port.in;

public interface ListDeliveriesUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException for a missing or foreign site or webhook */
    DeliveryPage listDeliveries(ListDeliveriesCommand command);
}
