package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.plausiblewebhooks.application.port.out.TriggerMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * {@code webhook_trigger_evaluations_total{type,result}} and {@code webhook_trigger_check_duration_seconds}.
 * The {@code type} label takes one value per loaded trigger type: bounded by the plugins installed.
 */
public final class MicrometerTriggerMetrics implements TriggerMetrics {
    private static final Duration[] CHECK_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Timer checkDuration;

    /** @param knownTypes the trigger types loaded at start; their counters show (as 0) before the first check */
    public MicrometerTriggerMetrics(MeterRegistry registry, Collection<String> knownTypes) {
        this.registry = registry;
        this.checkDuration = Timer.builder("webhook.trigger.check.duration")
                .description("Duration of one pass of the trigger check over all enabled triggers")
                .serviceLevelObjectives(CHECK_BUCKETS)
                .register(registry);
        for (String type : knownTypes) {
            for (Result result : Result.values()) {
                counter(type, result);
            }
        }
    }

    @Override
    public void evaluated(String triggerType, Result result, int count) {
        if (count > 0) {
            counter(triggerType, result).increment(count);
        }
    }

    @Override
    public void checkCompleted(Duration duration) {
        checkDuration.record(duration);
    }

    private Counter counter(String type, Result result) {
        return Counter.builder("webhook.trigger.evaluations")
                .description("Triggers evaluated, by trigger type and result")
                .tag("type", type)
                .tag("result", result.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
