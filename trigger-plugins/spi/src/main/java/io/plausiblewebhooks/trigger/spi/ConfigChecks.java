package io.plausiblewebhooks.trigger.spi;

import java.util.List;

/** Small helpers for {@link TriggerPlugin#validate} and for reading {@code params}. */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    /**
     * An integer entry of {@code params} that may be absent: adds an error to {@code errors} when it is
     * present but not a whole number in [min, max].
     *
     * @return the value, or {@code defaultValue} when absent or invalid
     */
    public static int intParam(TriggerConfig config, String name, int min, int max, int defaultValue,
                               List<ValidationError> errors) {
        Object value = config.params().get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number && isWhole(number)
                && number.longValue() >= min && number.longValue() <= max) {
            return number.intValue();
        }
        errors.add(new ValidationError("params." + name, "must be a whole number from " + min + " to " + max));
        return defaultValue;
    }

    /** {@code threshold} must be present and greater than 0. */
    public static void positiveThreshold(TriggerConfig config, List<ValidationError> errors) {
        if (config.threshold() == null || config.threshold() <= 0) {
            errors.add(new ValidationError("threshold", "is required and must be greater than 0"));
        }
    }

    /** A string entry of {@code params}, or null when absent; an error when present but not a string. */
    public static String stringParam(TriggerConfig config, String name, List<ValidationError> errors) {
        Object value = config.params().get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(new ValidationError("params." + name, "must be a string"));
        return null;
    }

    /** Rejects entries of {@code params} the type does not know. */
    public static void onlyKnownParams(TriggerConfig config, List<String> known, List<ValidationError> errors) {
        for (String name : config.params().keySet()) {
            if (!known.contains(name)) {
                errors.add(new ValidationError("params." + name, "is not a parameter of this trigger type"));
            }
        }
    }

    private static boolean isWhole(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d);
        }
        if (number instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return true;
    }
}
