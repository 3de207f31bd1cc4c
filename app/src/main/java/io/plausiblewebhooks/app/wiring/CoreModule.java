package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.multibindings.Multibinds;
import io.dropwizard.lifecycle.Managed;
import com.codahale.metrics.health.HealthCheck;
import java.util.Map;
import java.util.Set;

/** Declares the collections the component hands to Dropwizard, so each may be empty. */
@Module
public abstract class CoreModule {
    @Multibinds
    @JerseyComponent
    abstract Set<Object> jerseyComponents();

    @Multibinds
    abstract Set<Managed> managed();

    @Multibinds
    abstract Map<String, HealthCheck> healthChecks();

    @Multibinds
    abstract Set<StartupTask> startupTasks();
}
