package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plausiblewebhooks.application.port.out.IngestMetrics;

/** {@code webhook_events_ingested_total}. */
public final class MicrometerIngestMetrics implements IngestMetrics {
    private final Counter ingested;

    public MicrometerIngestMetrics(MeterRegistry registry) {
        ingested = Counter.builder("webhook.events.ingested")
                .description("Analytics events accepted by POST /api/event and stored")
                .register(registry);
    }

    @Override
    public void eventsIngested(int count) {
        if (count > 0) {
            ingested.increment(count);
        }
    }
}
