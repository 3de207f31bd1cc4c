package io.plausiblewebhooks.app;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.plausiblewebhooks.app.wiring.AppComponent;
import io.plausiblewebhooks.app.wiring.DaggerAppComponent;
import io.plausiblewebhooks.app.wiring.StartupTask;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

public class PlausibleWebhooksApplication extends Application<AppConfiguration> {

    public static void main(String[] args) throws Exception {
        new PlausibleWebhooksApplication().run(args);
    }

    @Override
    public String getName() {
        return "plausible-webhooks";
    }

    @Override
    public void initialize(Bootstrap<AppConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // TODO(persistence): migrations bundle + embedded database.
    }

    @Override
    public void run(AppConfiguration configuration, Environment environment) throws Exception {
        // The API's own mapper answers every error with problem+json; Dropwizard's would answer plain JSON.
        if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false);
        }
        Jdbi jdbi = null; // TODO(persistence): start the database, migrate, build Jdbi.
        AppComponent component = DaggerAppComponent.factory()
                .create(configuration, environment, jdbi, Clock.systemUTC());
        component.jerseyComponents().forEach(environment.jersey()::register);
        component.managed().forEach(environment.lifecycle()::manage);
        component.healthChecks().forEach(environment.healthChecks()::register);
        for (StartupTask task : component.startupTasks()) {
            task.run();
        }
    }
}
