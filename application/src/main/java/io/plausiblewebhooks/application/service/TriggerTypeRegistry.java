package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The trigger types that loaded, by type name. */
public class TriggerTypeRegistry {
    private final Map<String, TriggerPlugin> byType;

    public TriggerTypeRegistry(Collection<TriggerPlugin> plugins) {
        Map<String, TriggerPlugin> map = new TreeMap<>();
        for (TriggerPlugin plugin : plugins) {
            if (map.putIfAbsent(plugin.type(), plugin) != null) {
                throw new IllegalArgumentException("duplicate trigger type " + plugin.type());
            }
        }
        this.byType = Map.copyOf(map);
    }

    public Optional<TriggerPlugin> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Sorted by type name. */
    public List<TriggerPlugin> all() {
        return new TreeMap<>(byType).values().stream().toList();
    }
}
