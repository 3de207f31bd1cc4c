package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.service.trigger.PluginLoader;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The trigger types that loaded, by type name, and what failed to load. */
public class TriggerTypeRegistry {
    private final Map<String, TriggerPlugin> byType;
    private final List<String> loadProblems;

    public TriggerTypeRegistry(Collection<TriggerPlugin> plugins) {
        this(plugins, List.of());
    }

    public TriggerTypeRegistry(Collection<TriggerPlugin> plugins, List<String> loadProblems) {
        Map<String, TriggerPlugin> map = new TreeMap<>();
        for (TriggerPlugin plugin : plugins) {
            if (map.putIfAbsent(plugin.type(), plugin) != null) {
                throw new IllegalArgumentException("duplicate trigger type " + plugin.type());
            }
        }
        this.byType = Map.copyOf(map);
        this.loadProblems = List.copyOf(loadProblems);
    }

    /**
     * The built-in types from the class path plus those of every jar in the plugins directory; what
     * cannot be loaded is logged and listed in {@link #loadProblems()}.
     */
    public static TriggerTypeRegistry load(ClassLoader classPath, Path pluginsDirectory) {
        PluginLoader.Result result = PluginLoader.load(classPath, pluginsDirectory);
        return new TriggerTypeRegistry(result.plugins(), result.problems());
    }

    public Optional<TriggerPlugin> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Sorted by type name. */
    public List<TriggerPlugin> all() {
        return new TreeMap<>(byType).values().stream().toList();
    }

    /** One message per plugin that was skipped at load; empty when all loaded. */
    public List<String> loadProblems() {
        return loadProblems;
    }
}
