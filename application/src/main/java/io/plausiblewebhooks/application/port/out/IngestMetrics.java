package io.plausiblewebhooks.application.port.out;

/** What operators watch about the events API. */
public interface IngestMetrics {
    /** {@code count} events were stored. */
    void eventsIngested(int count);

    /** Records nothing; for tests and tools that need no metrics. */
    IngestMetrics NONE = count -> {
    };
}
