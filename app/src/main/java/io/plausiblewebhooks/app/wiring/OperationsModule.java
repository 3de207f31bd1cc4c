package io.plausiblewebhooks.app.wiring;

import com.codahale.metrics.health.HealthCheck;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.adapter.metrics.CachedQueueStatistics;
import io.plausiblewebhooks.adapter.metrics.DropwizardMetricsBridge;
import io.plausiblewebhooks.adapter.metrics.MicrometerDeliveryMetrics;
import io.plausiblewebhooks.adapter.metrics.MicrometerForwardMetrics;
import io.plausiblewebhooks.adapter.metrics.MicrometerIngestMetrics;
import io.plausiblewebhooks.adapter.metrics.MicrometerTriggerMetrics;
import io.plausiblewebhooks.adapter.metrics.PrometheusMetrics;
import io.plausiblewebhooks.adapter.metrics.PrometheusServlet;
import io.plausiblewebhooks.adapter.metrics.QueueGauges;
import io.plausiblewebhooks.adapter.persistence.operations.AdvisoryJobLock;
import io.plausiblewebhooks.adapter.persistence.operations.JdbiQueueStatistics;
import io.plausiblewebhooks.adapter.rest.OpenApiResource;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.operations.NodeId;
import io.plausiblewebhooks.app.operations.NodeInfoServlet;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;
import io.plausiblewebhooks.application.port.out.IngestMetrics;
import io.plausiblewebhooks.application.port.out.JobLock;
import io.plausiblewebhooks.application.port.out.QueueStatistics;
import io.plausiblewebhooks.application.port.out.TriggerMetrics;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.delivery.DeliveryEngine;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * What operators see: Prometheus metrics on the admin port's {@code /metrics} (replacing Dropwizard's
 * JSON servlet there), the metric ports the engines report through, and the queue-lag health check.
 * The "database" health check comes with the pool, "plugins" with the trigger types.
 */
@Module
public abstract class OperationsModule {
    private OperationsModule() {
    }

    /** This instance's id ({@code operations.nodeId}, or generated), logged once at start. */
    @Provides
    @Singleton
    static NodeId nodeId(AppConfiguration configuration) {
        NodeId node = NodeId.configuredOrGenerated(configuration.getOperations().getNodeId());
        LoggerFactory.getLogger(OperationsModule.class).info("This instance's node id: {}", node);
        return node;
    }

    /** Periodic jobs run on one instance at a time: a PostgreSQL advisory lock per job. */
    @Provides
    @Singleton
    static JobLock jobLock(Jdbi jdbi) {
        return new AdvisoryJobLock(jdbi);
    }

    @Provides
    @Singleton
    static PrometheusMetrics prometheusMetrics() {
        return new PrometheusMetrics();
    }

    @Provides
    @Singleton
    static DeliveryMetrics deliveryMetrics(PrometheusMetrics metrics) {
        return new MicrometerDeliveryMetrics(metrics.registry());
    }

    @Provides
    @Singleton
    static TriggerMetrics triggerMetrics(PrometheusMetrics metrics, TriggerTypeRegistry types) {
        return new MicrometerTriggerMetrics(metrics.registry(),
                types.all().stream().map(TriggerPlugin::type).toList());
    }

    @Provides
    @Singleton
    static IngestMetrics ingestMetrics(PrometheusMetrics metrics) {
        return new MicrometerIngestMetrics(metrics.registry());
    }

    @Provides
    @Singleton
    static ForwardMetrics forwardMetrics(PrometheusMetrics metrics) {
        return new MicrometerForwardMetrics(metrics.registry());
    }

    @Provides
    @Singleton
    static CachedQueueStatistics queueStatistics(Jdbi jdbi, Clock clock, AppConfiguration configuration) {
        return new CachedQueueStatistics(new JdbiQueueStatistics(jdbi), clock,
                Duration.ofMillis(configuration.getOperations().getQueueStatisticsMaxAge().toMilliseconds()));
    }

    @Provides
    static QueueStatistics queueStatisticsPort(CachedQueueStatistics statistics) {
        return statistics;
    }

    /** Exposes the registry on the admin port and feeds it Dropwizard's metrics (Jetty, pool, JDBI). */
    @Provides
    @IntoSet
    static StartupTask exposeMetrics(Environment environment, PrometheusMetrics metrics, CachedQueueStatistics queue,
                                     DeliveryMetrics delivery, TriggerMetrics triggers, IngestMetrics ingest,
                                     Optional<DeliveryEngine> engine, NodeId node) {
        // The metric ports are created here, not when an engine first asks for them, so that every
        // series shows (at 0) from the first scrape on.
        return () -> {
            QueueGauges.register(metrics.registry(), queue);
            DropwizardMetricsBridge.bridge(environment.metrics(), metrics.registry());
            // An exact mapping wins over the admin servlet's "/*": GET /metrics answers Prometheus text.
            environment.admin().addServlet("prometheus-metrics", new PrometheusServlet(metrics)).addMapping("/metrics");
            environment.admin().addServlet("node-info", new NodeInfoServlet(node, DeliveryModule.version()))
                    .addMapping("/info");
            // Checked only where the delivery wiring provides an engine.
            engine.ifPresent(e -> environment.healthChecks().register("delivery-workers", deliveryWorkers(e, node)));
        };
    }

    /** {@code GET /api/openapi.json}. */
    @Provides
    @IntoSet
    @JerseyComponent
    static Object openApiDocument() {
        return new OpenApiResource();
    }

    @Provides
    @IntoSet
    static Managed closesTheRegistry(PrometheusMetrics metrics) {
        return new Managed() {
            @Override
            public void stop() {
                metrics.close();
            }
        };
    }

    /** The delivery engine, when the delivery wiring provides one. */
    @BindsOptionalOf
    abstract DeliveryEngine optionalDeliveryEngine();

    /** Unhealthy when the delivery workers of this instance are not running (stopped, or a thread died). */
    static HealthCheck deliveryWorkers(DeliveryEngine engine, NodeId node) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return engine.workersAlive()
                        ? Result.healthy("node %s: %d messages held by this instance", node, engine.outstanding())
                        : Result.unhealthy("node %s: the delivery workers are not running", node);
            }
        };
    }

    /** Unhealthy while a due message has waited longer than {@code operations.maxQueueLag}: deliveries fall behind. */
    @Provides
    @IntoMap
    @StringKey("queue-lag")
    static HealthCheck queueLag(CachedQueueStatistics queue, AppConfiguration configuration) {
        Duration bound = Duration.ofMillis(configuration.getOperations().getMaxQueueLag().toMilliseconds());
        return new HealthCheck() {
            @Override
            protected Result check() {
                QueueStatistics.Snapshot snapshot = queue.current();
                String figures = String.format("oldest due message waiting %ds (bound %ds), %s%d pending",
                        snapshot.oldestDueAge().toSeconds(), bound.toSeconds(),
                        snapshot.estimated() ? "about " : "", snapshot.pending());
                return snapshot.oldestDueAge().compareTo(bound) > 0 ? Result.unhealthy(figures) : Result.healthy(figures);
            }
        };
    }
}
