package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code webhook_deliveries_total{outcome}}, {@code webhook_delivery_duration_seconds} (histogram) and
 * {@code webhook_webhooks_disabled_total{reason=gone|failing}}. Labels are these fixed values only: never a
 * webhook or a site.
 */
public final class MicrometerDeliveryMetrics implements DeliveryMetrics {
    /** Bucket bounds that separate a healthy receiver (tens of ms) from a slow one and from timeouts. */
    static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final Map<Outcome, Counter> deliveries = new EnumMap<>(Outcome.class);
    private final Timer duration;
    private final Map<DisableReason, Counter> disabled = new EnumMap<>(DisableReason.class);

    public MicrometerDeliveryMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            // Registered up front so that every outcome shows (as 0) before it first happens.
            deliveries.put(outcome, Counter.builder("webhook.deliveries")
                    .description("Delivery attempts recorded, by outcome (gave_up: failed for good)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        duration = Timer.builder("webhook.delivery.duration")
                .description("Time from sending a webhook request to its response or error")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        for (DisableReason reason : DisableReason.values()) {
            disabled.put(reason, Counter.builder("webhook.webhooks.disabled")
                    .description("Webhooks disabled by the service, by reason (gone: 410; failing: every attempt failed for 5 days)")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void attemptRecorded(Outcome outcome, Duration took) {
        deliveries.get(outcome).increment();
        // An attempt that was never sent (webhook disabled meanwhile) has no time on the wire.
        if (took.compareTo(Duration.ZERO) > 0) {
            duration.record(took);
        }
    }

    @Override
    public void webhooksDisabled(DisableReason reason, int count) {
        if (count > 0) {
            disabled.get(reason).increment(count);
        }
    }
}
