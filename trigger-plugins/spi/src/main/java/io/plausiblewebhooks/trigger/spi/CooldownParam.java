package io.plausiblewebhooks.trigger.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code params.cooldown_minutes} that several trigger types share: minutes of silence
 * after firing, from 0 to {@code maxMinutes}, {@code defaultMinutes} when absent. One definition, so
 * that its documentation, validation and reading cannot drift apart between types.
 */
public record CooldownParam(int defaultMinutes, int maxMinutes) {
    /** The key in {@code params}. */
    public static final String NAME = "cooldown_minutes";

    public CooldownParam {
        if (maxMinutes < 0 || defaultMinutes < 0 || defaultMinutes > maxMinutes) {
            throw new IllegalArgumentException("need 0 <= defaultMinutes <= maxMinutes");
        }
    }

    /** How {@code GET /api/v1/trigger-types} describes it. */
    public ParamSpec spec() {
        return new ParamSpec("params." + NAME, ParamSpec.Kind.INTEGER, false,
                "Minutes of silence after firing, 0 to " + maxMinutes + "; default " + defaultMinutes + ".");
    }

    /** Adds an error to {@code errors} when present but not a whole number of minutes in range. */
    public void validate(TriggerConfig config, List<ValidationError> errors) {
        ConfigChecks.intParam(config, NAME, 0, maxMinutes, defaultMinutes, errors);
    }

    /** The cooldown of a valid configuration. */
    public Duration of(TriggerConfig config) {
        return Duration.ofMinutes(ConfigChecks.intParam(config, NAME, 0, maxMinutes, defaultMinutes, new ArrayList<>()));
    }
}
