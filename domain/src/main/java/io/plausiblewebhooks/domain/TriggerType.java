package io.plausiblewebhooks.domain;

import java.util.regex.Pattern;

/** The name of a trigger type, as a plugin registers it: {@code visitor_spike}, {@code goal_completion}, … */
public record TriggerType(String value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

    public TriggerType {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ValidationException("trigger_type",
                    "must be 1–50 lower-case letters, digits or underscores, starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
