package io.plausiblewebhooks.app;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.plausiblewebhooks.adapter.persistence.JdbiConfigurer;
import io.plausiblewebhooks.adapter.persistence.Migrations;
import io.plausiblewebhooks.adapter.rest.ProblemErrorHandler;
import io.plausiblewebhooks.app.demo.DemoCommand;
import io.plausiblewebhooks.app.wiring.AppComponent;
import io.plausiblewebhooks.app.wiring.DaggerAppComponent;
import io.plausiblewebhooks.app.wiring.StartupTask;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

public class PlausibleWebhooksApplication extends Application<AppConfiguration> {

    private final DatabaseBootstrap database = new DatabaseBootstrap();

    public static void main(String[] args) throws Exception {
        Migrations.disableLiquibaseAnalytics();
        exitZeroOnSigterm();
        new PlausibleWebhooksApplication().run(args);
    }

    /**
     * SIGTERM is how the service is normally stopped (docker stop, Kubernetes, systemd). The JVM's
     * default handler runs the shutdown hooks (Jetty's stop: HTTP, delivery workers, event flush, pool,
     * embedded database) and then exits 143; this handler runs the same hooks through
     * {@code System.exit(0)}, so that a clean stop reads as success.
     */
    @SuppressWarnings("removal")
    private static void exitZeroOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGTERM on this platform (Windows): the default behaviour stays.
        }
    }

    @Override
    public String getName() {
        return "plausible-webhooks";
    }

    @Override
    public void initialize(Bootstrap<AppConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // `db migrate config.yml` and friends; for the embedded database they start it first.
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(AppConfiguration configuration) {
                return database.dataSourceFactory(configuration.getDatabase(), true);
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
        bootstrap.addCommand(new DemoCommand(this, System.out));
    }

    @Override
    public void run(AppConfiguration configuration, Environment environment) throws Exception {
        // The API's own mapper answers every error with problem+json; Dropwizard's would answer plain JSON.
        if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false);
        }
        // Errors Jetty answers itself (malformed URIs, bad headers) are problem+json too, not HTML.
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new ProblemErrorHandler()));
        // Fails fast, before the database starts, when production mode has no encryption key.
        SecretKeys.box(configuration.getAuth(), configuration.getDatabase());
        Jdbi jdbi = openDatabase(configuration, environment);
        AppComponent component = DaggerAppComponent.factory()
                .create(configuration, environment, jdbi, clock());
        component.jerseyComponents().forEach(environment.jersey()::register);
        component.managed().forEach(environment.lifecycle()::manage);
        component.healthChecks().forEach(environment.healthChecks()::register);
        for (StartupTask task : component.startupTasks()) {
            task.run();
        }
    }

    /** The clock of the whole service (UTC); tests override it to let days pass without waiting. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Starts the embedded server if configured, migrates, and builds the pool (health check
     * "database", pool metrics). Lifecycle objects stop in reverse order of registration, so the
     * embedded server, registered first, stops last: after the workers and the pool.
     */
    private Jdbi openDatabase(AppConfiguration configuration, Environment environment) {
        DataSourceFactory dataSource = database.dataSourceFactory(configuration.getDatabase(), false);
        try {
            database.embeddedLifecycle().ifPresent(environment.lifecycle()::manage);
            Migrations.migrate(dataSource.getUrl(), dataSource.getUser(), dataSource.getPassword());
            return JdbiConfigurer.configure(new JdbiFactory().build(environment, dataSource, "database"));
        } catch (RuntimeException e) {
            database.stopEmbedded();
            throw e;
        }
    }
}
