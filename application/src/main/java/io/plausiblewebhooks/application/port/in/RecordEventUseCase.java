package io.plausiblewebhooks.application.port.in;

/** Takes an event of the Plausible-compatible Events API into the local stats store. */
public interface RecordEventUseCase {

    /**
     * Accepts the event for writing (events are written in batches, shortly after). Events for domains
     * that are not registered sites are dropped silently, as Plausible does.
     *
     * @return how many sites the event was recorded for (0 when dropped)
     */
    int recordEvent(RecordEventCommand command);
}
