package io.plausiblewebhooks.application.port.in;

public interface RedeliverMessageUseCase {
    /**
     * Queues the message for an attempt now; the attempt is recorded like any other.
     *
     * @throws io.plausiblewebhooks.domain.NotFoundException for a missing or foreign site, webhook or delivery
     */
    void redeliver(RedeliverMessageCommand command);
}
