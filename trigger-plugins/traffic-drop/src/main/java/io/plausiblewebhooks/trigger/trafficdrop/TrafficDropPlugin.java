package io.plausiblewebhooks.trigger.trafficdrop;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.ConfigChecks;
import io.plausiblewebhooks.trigger.spi.CooldownParam;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code traffic_drop}: fires when a site had fewer distinct visitors than the threshold in the last
 * 12 hours, then stays silent for the cooldown (12 hours, or {@code params.cooldown_minutes}).
 */
public final class TrafficDropPlugin implements TriggerPlugin {
    static final Duration WINDOW = Duration.ofHours(12);
    static final CooldownParam COOLDOWN = new CooldownParam(12 * 60, 30 * 24 * 60);

    @Override
    public String type() {
        return "traffic_drop";
    }

    @Override
    public String description() {
        return "Fires when the visitors of the last 12 hours fall below the threshold; silent for the cooldown afterwards.";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public int spiVersion() {
        return TriggerSpi.VERSION;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                new ParamSpec("threshold", ParamSpec.Kind.INTEGER, true, "Fires when visitors in the last 12 hours are below this (> 0)."),
                COOLDOWN.spec());
    }

    @Override
    public List<ValidationError> validate(TriggerConfig config) {
        List<ValidationError> errors = new ArrayList<>();
        ConfigChecks.positiveThreshold(config, errors);
        COOLDOWN.validate(config, errors);
        ConfigChecks.onlyKnownParams(config, List.of(CooldownParam.NAME), errors);
        return errors;
    }

    @Override
    public Duration cooldown(TriggerConfig config) {
        return COOLDOWN.of(config);
    }

    @Override
    public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
        Set<UUID> sites = batch.stream().map(t -> t.site().id()).collect(Collectors.toSet());
        Map<UUID, Long> visitors = stats.visitors(sites, WINDOW);
        // A site whose source could not be read is absent like a site without visitors: not a drop.
        Set<UUID> missing = stats.unavailableSites();
        List<Firing> firings = new ArrayList<>();
        for (CheckedTrigger trigger : batch) {
            if (missing.contains(trigger.site().id())) {
                continue;
            }
            long count = visitors.getOrDefault(trigger.site().id(), 0L);
            int threshold = trigger.thresholdOr(0);
            if (count < threshold) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("visitors_12h", count);
                data.put("threshold", threshold);
                firings.add(Firing.of(trigger.id(), data));
            }
        }
        return firings;
    }
}
