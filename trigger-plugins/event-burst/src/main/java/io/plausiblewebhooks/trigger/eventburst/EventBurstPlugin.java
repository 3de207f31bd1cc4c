package io.plausiblewebhooks.trigger.eventburst;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.ConfigChecks;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.StatsView.EventCountQuery;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code event_burst}: fires when the custom event {@code params.event_name} occurred at least
 * {@code threshold} times in the last {@code params.window_minutes}. After firing it stays silent for
 * one window, so that one burst sends one webhook.
 */
public final class EventBurstPlugin implements TriggerPlugin {
    static final int DEFAULT_WINDOW_MINUTES = 60;
    static final int MAX_WINDOW_MINUTES = 24 * 60;
    static final int MAX_EVENT_NAME = 120;

    @Override
    public String type() {
        return "event_burst";
    }

    @Override
    public String description() {
        return "Fires when a custom event occurred at least threshold times within the window.";
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
                new ParamSpec("threshold", ParamSpec.Kind.INTEGER, true, "Occurrences within the window that fire the trigger (> 0)."),
                new ParamSpec("params.event_name", ParamSpec.Kind.STRING, true, "The custom event's name, e.g. Signup."),
                new ParamSpec("params.window_minutes", ParamSpec.Kind.INTEGER, false,
                        "The window in minutes, 1 to " + MAX_WINDOW_MINUTES + "; default " + DEFAULT_WINDOW_MINUTES + "."));
    }

    @Override
    public List<ValidationError> validate(TriggerConfig config) {
        List<ValidationError> errors = new ArrayList<>();
        ConfigChecks.positiveThreshold(config, errors);
        String eventName = ConfigChecks.stringParam(config, "event_name", errors);
        if (!config.params().containsKey("event_name")) {
            errors.add(new ValidationError("params.event_name", "is required"));
        } else if (eventName != null && (eventName.isBlank() || eventName.length() > MAX_EVENT_NAME)) {
            errors.add(new ValidationError("params.event_name", "must be 1–" + MAX_EVENT_NAME + " characters"));
        }
        ConfigChecks.intParam(config, "window_minutes", 1, MAX_WINDOW_MINUTES, DEFAULT_WINDOW_MINUTES, errors);
        ConfigChecks.onlyKnownParams(config, List.of("event_name", "window_minutes"), errors);
        return errors;
    }

    @Override
    public Duration cooldown(TriggerConfig config) {
        return window(config);
    }

    @Override
    public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
        List<EventCountQuery> queries = new ArrayList<>(batch.size());
        for (CheckedTrigger trigger : batch) {
            String eventName = (String) trigger.config().params().get("event_name");
            queries.add(new EventCountQuery(trigger.id(), trigger.site().id(), eventName, window(trigger.config())));
        }
        Map<UUID, Long> counts = stats.eventCounts(queries);
        List<Firing> firings = new ArrayList<>();
        for (CheckedTrigger trigger : batch) {
            long count = counts.getOrDefault(trigger.id(), 0L);
            int threshold = trigger.thresholdOr(Integer.MAX_VALUE);
            if (count >= threshold) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("event_name", trigger.config().params().get("event_name"));
                data.put("count", count);
                data.put("window_minutes", window(trigger.config()).toMinutes());
                firings.add(Firing.of(trigger.id(), data));
            }
        }
        return firings;
    }

    private static Duration window(TriggerConfig config) {
        return Duration.ofMinutes(ConfigChecks.intParam(config, "window_minutes", 1, MAX_WINDOW_MINUTES,
                DEFAULT_WINDOW_MINUTES, new ArrayList<>()));
    }
}
