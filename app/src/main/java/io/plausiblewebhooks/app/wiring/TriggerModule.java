package io.plausiblewebhooks.app.wiring;

import com.codahale.metrics.health.HealthCheck;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.adapter.persistence.events.JdbiEventStore;
import io.plausiblewebhooks.adapter.persistence.events.JdbiStatsQuery;
import io.plausiblewebhooks.adapter.persistence.events.JdbiVisitorSaltStore;
import io.plausiblewebhooks.adapter.persistence.trigger.JdbiTriggerFiringStore;
import io.plausiblewebhooks.adapter.rest.events.EventServlet;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.trigger.EventWriterLifecycle;
import io.plausiblewebhooks.app.trigger.TriggerCheckWorker;
import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase;
import io.plausiblewebhooks.application.port.in.RecordEventUseCase;
import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.EventStore;
import io.plausiblewebhooks.application.port.out.IngestMetrics;
import io.plausiblewebhooks.application.port.out.JobLock;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore;
import io.plausiblewebhooks.application.port.out.TriggerMetrics;
import io.plausiblewebhooks.application.port.out.VisitorSaltStore;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.events.EventIngestionService;
import io.plausiblewebhooks.application.service.trigger.CheckWebhookTriggersService;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The trigger engine: trigger types (built-in and from the plugins directory), the periodic check,
 * and the Plausible-compatible event ingestion that feeds the local stats.
 */
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

    /** The local stats store; {@link StatsSourceModule} routes each site to it or to its Plausible. */
    @Provides
    @Singleton
    static JdbiStatsQuery localStatsQuery(Jdbi jdbi) {
        return new JdbiStatsQuery(jdbi);
    }

    @Provides
    @Singleton
    static TriggerFiringStore triggerFiringStore(Jdbi jdbi) {
        return new JdbiTriggerFiringStore(jdbi);
    }

    @Provides
    @Singleton
    static EventStore eventStore(Jdbi jdbi) {
        return new JdbiEventStore(jdbi);
    }

    @Provides
    @Singleton
    static VisitorSaltStore visitorSaltStore(Jdbi jdbi) {
        return new JdbiVisitorSaltStore(jdbi);
    }

    @Provides
    @Singleton
    static CheckWebhookTriggersService checkWebhookTriggersService(TriggerTypeRegistry registry, TriggerFiringStore store,
                                                                   StatsQuery stats, Clock clock, TriggerMetrics metrics) {
        return new CheckWebhookTriggersService(registry, store, stats, clock, metrics);
    }

    @Binds
    abstract CheckWebhookTriggersUseCase checkWebhookTriggers(CheckWebhookTriggersService service);

    @Provides
    @Singleton
    static EventIngestionService eventIngestionService(EventStore events, SiteRepository sites, VisitorSaltStore salts,
                                                       Clock clock, AppConfiguration configuration, IngestMetrics metrics) {
        var triggers = configuration.getTriggers();
        return new EventIngestionService(events, sites, salts, clock, triggers.getEventBatchSize(),
                Duration.ofMillis(triggers.getEventFlushInterval().toMilliseconds()), triggers.getEventQueueCapacity(),
                metrics);
    }

    @Binds
    abstract RecordEventUseCase recordEvent(EventIngestionService service);

    @Provides
    @Singleton
    static TriggerCheckWorker triggerCheckWorker(CheckWebhookTriggersUseCase checkTriggers, AppConfiguration configuration,
                                                 JobLock lock) {
        return new TriggerCheckWorker(checkTriggers,
                Duration.ofMillis(configuration.getTriggers().getCheckInterval().toMilliseconds()), lock);
    }

    @Provides
    @IntoSet
    static Managed triggerCheckWorkerManaged(TriggerCheckWorker worker) {
        return worker;
    }

    @Provides
    @IntoSet
    static Managed eventWriter(EventIngestionService ingestion, AppConfiguration configuration, JobLock lock) {
        return new EventWriterLifecycle(ingestion,
                Duration.ofMillis(configuration.getRetention().getEvents().toMilliseconds()), lock);
    }

    /**
     * {@code POST /api/event} as a plain servlet on the application connector, outside Jersey: its exact
     * mappings win over Jersey's {@code /*}, and each page view skips Jersey's per-request work.
     */
    @Provides
    @IntoSet
    static StartupTask eventServlet(Environment environment, RecordEventUseCase recordEvent, EventForwarder forwarder) {
        return () -> environment.servlets().addServlet("events", new EventServlet(recordEvent, forwarder))
                .addMapping(EventServlet.urlPatterns());
    }
}
