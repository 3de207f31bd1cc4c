package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;

/** {@code webhook_events_forwarded_total{result="forwarded|failed|dropped"}}. */
public final class MicrometerForwardMetrics implements ForwardMetrics {
    private final Counter forwarded;
    private final Counter failed;
    private final Counter dropped;

    public MicrometerForwardMetrics(MeterRegistry registry) {
        forwarded = counter(registry, "forwarded");
        failed = counter(registry, "failed");
        dropped = counter(registry, "dropped");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("webhook.events.forwarded")
                .description("Events passed on to the upstream Plausible (ingest.forwardTo), by outcome")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void forwarded() {
        forwarded.increment();
    }

    @Override
    public void failed() {
        failed.increment();
    }

    @Override
    public void dropped() {
        dropped.increment();
    }
}
