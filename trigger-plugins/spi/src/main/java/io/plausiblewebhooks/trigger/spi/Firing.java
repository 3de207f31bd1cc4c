package io.plausiblewebhooks.trigger.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A trigger that fires, with the type-specific part of the webhook payload's {@code data}. The host
 * adds {@code site} and {@code trigger} in front of it.
 *
 * @param data JSON-like values (String, Number, Boolean, List, Map, null), in the order they
 *        should appear in the payload
 * @param watermark the new watermark to store with the firing (from
 *        {@link StatsView.Conversions#watermark()}), or null to keep the current one
 */
public record Firing(UUID triggerId, Map<String, Object> data, Long watermark) {
    public Firing {
        Objects.requireNonNull(triggerId, "triggerId");
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static Firing of(UUID triggerId, Map<String, Object> data) {
        return new Firing(triggerId, data, null);
    }
}
