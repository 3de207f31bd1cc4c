package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.WebhookDelivery;

public interface GetDeliveryUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException for a missing or foreign site, webhook or delivery */
    WebhookDelivery getDelivery(GetDeliveryCommand command);
}
