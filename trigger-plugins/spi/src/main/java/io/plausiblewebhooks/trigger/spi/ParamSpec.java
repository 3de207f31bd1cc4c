package io.plausiblewebhooks.trigger.spi;

import java.util.Objects;

/**
 * Describes one parameter of a trigger type.
 *
 * @param name {@code threshold}, {@code goal_id}, or {@code params.<name>}
 */
public record ParamSpec(String name, Kind kind, boolean required, String description) {
    public enum Kind { INTEGER, STRING, BOOLEAN, GOAL_ID }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }
}
