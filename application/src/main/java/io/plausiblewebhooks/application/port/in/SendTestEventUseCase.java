package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.WebhookDelivery;

public interface SendTestEventUseCase {
    /**
     * @return the attempt, as recorded in the delivery log
     * @throws io.plausiblewebhooks.domain.NotFoundException for a missing or foreign site or webhook
     */
    WebhookDelivery sendTestEvent(SendTestEventCommand command);
}
