package io.plausiblewebhooks.adapter.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Timer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows Dropwizard's own metrics (Jetty requests and responses by class, thread pools, the JDBC pool,
 * JDBI statement timers, log events) in the Prometheus registry, under their Dropwizard names
 * (dots become underscores). JVM figures are left out: the Micrometer binders already give them.
 *
 * <p>Mapping: gauges and counters become gauges; meters become counters ({@code _total}); timers
 * and histograms become a counter of events plus gauges of their median, 99th percentile and max
 * (Dropwizard's reservoirs hold quantiles, not cumulative buckets).
 */
public final class DropwizardMetricsBridge implements MetricRegistryListener {
    private static final Logger LOG = LoggerFactory.getLogger(DropwizardMetricsBridge.class);

    private final MetricRegistry source;
    private final MeterRegistry target;
    private final Map<String, List<io.micrometer.core.instrument.Meter>> bridged = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Long>> readers = new ConcurrentHashMap<>();

    private DropwizardMetricsBridge(MetricRegistry source, MeterRegistry target) {
        this.source = source;
        this.target = target;
    }

    /** Bridges what {@code source} holds now and whatever is added to it later. */
    public static DropwizardMetricsBridge bridge(MetricRegistry source, MeterRegistry target) {
        DropwizardMetricsBridge bridge = new DropwizardMetricsBridge(source, target);
        source.addListener(bridge);
        return bridge;
    }

    static boolean covered(String name) {
        return name.startsWith("jvm.");
    }

    @Override
    public void onGaugeAdded(String name, com.codahale.metrics.Gauge<?> gauge) {
        add(name, () -> List.of(gauge(name, null, () -> current(name, com.codahale.metrics.Gauge.class).getValue())));
    }

    @Override
    public void onCounterAdded(String name, Counter counter) {
        // A Dropwizard counter goes down as well as up (active requests): a gauge in Prometheus terms.
        add(name, () -> List.of(gauge(name, null, () -> current(name, Counter.class).getCount())));
    }

    @Override
    public void onMeterAdded(String name, Meter meter) {
        add(name, () -> List.of(counter(name, () -> current(name, Meter.class).getCount())));
    }

    @Override
    public void onHistogramAdded(String name, Histogram histogram) {
        add(name, () -> quantiles(name, () -> current(name, Histogram.class), null, 1.0,
                counter(name, () -> current(name, Histogram.class).getCount())));
    }

    @Override
    public void onTimerAdded(String name, Timer timer) {
        double nanosToSeconds = 1.0 / TimeUnit.SECONDS.toNanos(1);
        add(name, () -> quantiles(name, () -> current(name, Timer.class), "seconds", nanosToSeconds,
                counter(name, () -> current(name, Timer.class).getCount())));
    }

    @Override
    public void onGaugeRemoved(String name) {
        remove(name);
    }

    @Override
    public void onCounterRemoved(String name) {
        remove(name);
    }

    @Override
    public void onMeterRemoved(String name) {
        remove(name);
    }

    @Override
    public void onHistogramRemoved(String name) {
        remove(name);
    }

    @Override
    public void onTimerRemoved(String name) {
        remove(name);
    }

    private void add(String name, Supplier<List<io.micrometer.core.instrument.Meter>> meters) {
        if (covered(name) || bridged.containsKey(name)) {
            return;
        }
        try {
            bridged.put(name, meters.get());
        } catch (RuntimeException e) {
            // A name that clashes with an existing meter of another kind is left out, not fatal.
            LOG.debug("not bridging Dropwizard metric {}: {}", name, e.toString());
        }
    }

    private void remove(String name) {
        readers.remove(name);
        List<io.micrometer.core.instrument.Meter> meters = bridged.remove(name);
        if (meters != null) {
            meters.forEach(target::remove);
        }
    }

    private List<io.micrometer.core.instrument.Meter> quantiles(
            String name, Supplier<? extends Sampling> sampling, String unit, double scale,
            io.micrometer.core.instrument.Meter count) {
        List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();
        meters.add(count);
        meters.add(gauge(name + ".p50", unit, () -> sampling.get().getSnapshot().getMedian() * scale));
        meters.add(gauge(name + ".p99", unit, () -> sampling.get().getSnapshot().get99thPercentile() * scale));
        meters.add(gauge(name + ".max", unit, () -> sampling.get().getSnapshot().getMax() * scale));
        return meters;
    }

    private io.micrometer.core.instrument.Meter gauge(String name, String unit, Supplier<Object> value) {
        return Gauge.builder(name, () -> number(value))
                .strongReference(true)
                .description("Dropwizard metric " + name)
                .baseUnit(unit)
                .register(target);
    }

    /**
     * The metric registered under {@code name} now. Reading by name, not through the object first
     * seen, keeps the figures right when Dropwizard replaces a metric (handlers re-instrumented on start).
     */
    private <T> T current(String name, Class<T> type) {
        Object metric = source.getMetrics().get(name);
        if (!type.isInstance(metric)) {
            throw new IllegalStateException("no " + type.getSimpleName() + " named " + name);
        }
        return type.cast(metric);
    }

    private io.micrometer.core.instrument.Meter counter(String name, Supplier<Long> count) {
        // Micrometer holds a function counter's state object weakly: keep it reachable from here.
        readers.put(name, count);
        return FunctionCounter.builder(name, count, c -> {
                    try {
                        return c.get().doubleValue();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Dropwizard metric " + name)
                .register(target);
    }

    /** Non-numeric gauges (strings, maps) have no Prometheus value: NaN. */
    private static Number number(Supplier<Object> value) {
        try {
            Object v = value.get();
            if (v instanceof Number n) {
                return n;
            }
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            return Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
