package io.plausiblewebhooks.adapter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plausiblewebhooks.application.port.out.StatsSourceMetrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code webhook_stats_source_requests_total{source, outcome}}: requests to the sites' stats sources.
 * Both labels are bounded: {@code source} is a source type, {@code outcome} an {@link Outcome}.
 */
public final class MicrometerStatsSourceMetrics implements StatsSourceMetrics {
    /** The sources asked per site; the local store is read in bulk SQL and not counted here. */
    private static final String[] SOURCES = {"plausible_api"};

    private final Map<String, Map<Outcome, Counter>> counters = new java.util.HashMap<>();

    public MicrometerStatsSourceMetrics(MeterRegistry registry) {
        for (String source : SOURCES) {
            Map<Outcome, Counter> bySource = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                bySource.put(outcome, Counter.builder("webhook.stats.source.requests")
                        .description("Requests to the sites' stats sources (plausible_api: Plausible's Stats API), by outcome")
                        .tag("source", source)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(source, bySource);
        }
    }

    @Override
    public void request(String source, Outcome outcome) {
        Map<Outcome, Counter> bySource = counters.get(source);
        if (bySource != null) {
            bySource.get(outcome).increment();
        }
    }
}
