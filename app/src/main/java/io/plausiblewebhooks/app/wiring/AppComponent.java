package io.plausiblewebhooks.app.wiring;

import com.codahale.metrics.health.HealthCheck;
import dagger.BindsInstance;
import dagger.Component;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.app.AppConfiguration;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The object graph, built once in {@code Application.run()}; exposes only what Dropwizard registers. */
@Singleton
@Component(modules = {
        CoreModule.class,
        PersistenceModule.class,
        ServiceModule.class,
        RestModule.class,
        DeliveryModule.class,
        TriggerModule.class,
        StatsSourceModule.class,
        OperationsModule.class,
})
public interface AppComponent {
    @JerseyComponent
    Set<Object> jerseyComponents();

    Set<Managed> managed();

    Map<String, HealthCheck> healthChecks();

    Set<StartupTask> startupTasks();

    @Component.Factory
    interface Factory {
        AppComponent create(
                @BindsInstance AppConfiguration configuration,
                @BindsInstance Environment environment,
                @BindsInstance Jdbi jdbi,
                @BindsInstance Clock clock);
    }
}
