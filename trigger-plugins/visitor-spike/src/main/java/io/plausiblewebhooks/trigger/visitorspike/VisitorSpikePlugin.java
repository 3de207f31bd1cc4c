package io.plausiblewebhooks.trigger.visitorspike;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.ConfigChecks;
import io.plausiblewebhooks.trigger.spi.CooldownParam;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.StatsView.NamedCount;
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
 * {@code visitor_spike}: fires when a site's current visitors (distinct visitors of the last 5 minutes)
 * reach the threshold, then stays silent for the cooldown — 12 hours as in Plausible's traffic spike
 * notification, or {@code params.cooldown_minutes}.
 */
public final class VisitorSpikePlugin implements TriggerPlugin {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final CooldownParam COOLDOWN = new CooldownParam(12 * 60, 30 * 24 * 60);
    private static final int TOP = 3;

    @Override
    public String type() {
        return "visitor_spike";
    }

    @Override
    public String description() {
        return "Fires when the current visitors (last 5 minutes) reach the threshold; silent for the cooldown afterwards.";
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
                new ParamSpec("threshold", ParamSpec.Kind.INTEGER, true, "Current visitors at which the trigger fires (> 0)."),
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
        Map<UUID, Long> current = stats.currentVisitors(sites);
        List<CheckedTrigger> firing = batch.stream()
                .filter(t -> current.getOrDefault(t.site().id(), 0L) >= t.thresholdOr(Integer.MAX_VALUE))
                .toList();
        if (firing.isEmpty()) {
            return List.of();
        }
        // Sources and pages only for the sites that fire: a handful, whatever the batch size.
        Set<UUID> firingSites = firing.stream().map(t -> t.site().id()).collect(Collectors.toSet());
        Map<UUID, List<NamedCount>> sources = stats.topSources(firingSites, WINDOW, TOP);
        Map<UUID, List<NamedCount>> pages = stats.topPages(firingSites, WINDOW, TOP);
        List<Firing> firings = new ArrayList<>(firing.size());
        for (CheckedTrigger trigger : firing) {
            UUID site = trigger.site().id();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("current_visitors", current.get(site));
            data.put("top_sources", asJson(sources.getOrDefault(site, List.of())));
            data.put("top_pages", asJson(pages.getOrDefault(site, List.of())));
            firings.add(Firing.of(trigger.id(), data));
        }
        return firings;
    }

    private static List<Map<String, Object>> asJson(List<NamedCount> counts) {
        List<Map<String, Object>> list = new ArrayList<>(counts.size());
        for (NamedCount count : counts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", count.name());
            entry.put("visitors", count.visitors());
            list.add(entry);
        }
        return list;
    }
}
