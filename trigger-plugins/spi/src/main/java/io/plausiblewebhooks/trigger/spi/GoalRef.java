package io.plausiblewebhooks.trigger.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * A conversion goal as in Plausible: a custom event name, or a page path that may contain {@code *}
 * (within one segment) and {@code **} (across segments) wildcards. Exactly one of the two is set.
 */
public record GoalRef(UUID id, String eventName, String pagePath, String displayName) {
    public GoalRef {
        Objects.requireNonNull(id, "id");
        if ((eventName == null) == (pagePath == null)) {
            throw new IllegalArgumentException("exactly one of eventName and pagePath");
        }
    }
}
