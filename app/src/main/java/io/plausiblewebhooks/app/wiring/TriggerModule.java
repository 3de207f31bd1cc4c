package io.plausiblewebhooks.app.wiring;

import com.codahale.metrics.health.HealthCheck;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Trigger types (built-in and from the plugins directory). */
@Module
public abstract class TriggerModule {

    @Provides
    @Singleton
    static TriggerTypeRegistry triggerTypeRegistry(AppConfiguration configuration) {
        return TriggerTypeRegistry.load(TriggerTypeRegistry.class.getClassLoader(),
                Path.of(configuration.getTriggers().getPluginsDirectory()));
    }

    /** Unhealthy while a plugin jar was skipped at start, naming it and why. */
    @Provides
    @IntoMap
    @StringKey("plugins")
    static HealthCheck pluginHealth(TriggerTypeRegistry registry) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                if (registry.loadProblems().isEmpty()) {
                    return Result.healthy("%d trigger types loaded", registry.all().size());
                }
                return Result.unhealthy(String.join("\n", registry.loadProblems()));
            }
        };
    }
}
