package io.plausiblewebhooks.trigger.goalcompletion;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.ConfigChecks;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.StatsView.ConversionQuery;
import io.plausiblewebhooks.trigger.spi.StatsView.Conversions;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code goal_completion}: fires when the conversions of the goal that arrived since the last firing
 * reach max(1, threshold). Conversions below the threshold keep adding up until it is reached; each
 * conversion is counted in exactly one firing, even when it arrives late (the host's watermark).
 */
public final class GoalCompletionPlugin implements TriggerPlugin {

    @Override
    public String type() {
        return "goal_completion";
    }

    @Override
    public String description() {
        return "Fires when new conversions of the goal reach the threshold (default 1); each conversion is counted once.";
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
                new ParamSpec("goal_id", ParamSpec.Kind.GOAL_ID, true, "The goal of the same site whose conversions count."),
                new ParamSpec("threshold", ParamSpec.Kind.INTEGER, false, "New conversions needed to fire (≥ 1); default 1."));
    }

    @Override
    public List<ValidationError> validate(TriggerConfig config) {
        List<ValidationError> errors = new ArrayList<>();
        if (config.goalId() == null) {
            errors.add(new ValidationError("goal_id", "is required for goal_completion"));
        }
        if (config.threshold() != null && config.threshold() < 1) {
            errors.add(new ValidationError("threshold", "must be at least 1"));
        }
        ConfigChecks.onlyKnownParams(config, List.of(), errors);
        return errors;
    }

    @Override
    public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
        // A trigger whose goal was deleted has nothing to count.
        List<CheckedTrigger> withGoal = batch.stream().filter(t -> t.goal() != null).toList();
        if (withGoal.isEmpty()) {
            return List.of();
        }
        Map<java.util.UUID, Conversions> conversions =
                stats.goalConversions(withGoal.stream().map(ConversionQuery::forTrigger).toList());
        List<Firing> firings = new ArrayList<>();
        for (CheckedTrigger trigger : withGoal) {
            Conversions found = conversions.get(trigger.id());
            if (found == null || found.count() < Math.max(1, trigger.thresholdOr(1))) {
                continue;
            }
            Map<String, Object> goal = new LinkedHashMap<>();
            goal.put("id", trigger.goal().id().toString());
            goal.put("display_name", trigger.goal().displayName());
            goal.put("event_name", trigger.goal().eventName());
            goal.put("page_path", trigger.goal().pagePath());
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("from", found.first().truncatedTo(ChronoUnit.SECONDS).toString());
            window.put("to", stats.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("goal", goal);
            data.put("completions", found.count());
            data.put("window", window);
            firings.add(new Firing(trigger.id(), data, found.watermark()));
        }
        return firings;
    }
}
