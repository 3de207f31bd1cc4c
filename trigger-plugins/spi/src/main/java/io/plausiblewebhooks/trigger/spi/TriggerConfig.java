package io.plausiblewebhooks.trigger.spi;

import java.util.Map;
import java.util.UUID;

/**
 * A trigger's configuration as the user gave it.
 *
 * @param threshold null when not given
 * @param goalId null when not given
 * @param params JSON-like values (String, Number, Boolean, List, Map); never null
 */
public record TriggerConfig(Integer threshold, UUID goalId, Map<String, Object> params) {
    public TriggerConfig {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
