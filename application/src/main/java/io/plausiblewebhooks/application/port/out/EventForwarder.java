package io.plausiblewebhooks.application.port.out;

/**
 * Passes accepted analytics events on, unchanged, to an upstream Plausible. Never blocks the caller:
 * an event that cannot be buffered is dropped (and counted).
 */
public interface EventForwarder {
    void forward(ForwardedEvent event);

    /** Forwarding switched off. */
    EventForwarder OFF = event -> {
    };
}
