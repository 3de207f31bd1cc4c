package io.plausiblewebhooks.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.adapter.delivery.AddressPolicy;
import io.plausiblewebhooks.adapter.delivery.HostResolver;
import io.plausiblewebhooks.adapter.delivery.HttpWebhookSender;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.dropwizard.core.setup.Environment;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiDeliveryLog;
import io.plausiblewebhooks.adapter.persistence.SecretBox;
import io.plausiblewebhooks.adapter.persistence.delivery.EnqueueListener;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue;
import io.plausiblewebhooks.adapter.rest.delivery.DeliveriesResource;
import io.plausiblewebhooks.adapter.rest.delivery.WebhookTestResource;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.config.DeliveryConfig;
import io.plausiblewebhooks.app.operations.NodeId;
import io.plausiblewebhooks.application.port.in.GetDeliveryUseCase;
import io.plausiblewebhooks.application.port.in.ListDeliveriesUseCase;
import io.plausiblewebhooks.application.port.in.RedeliverMessageUseCase;
import io.plausiblewebhooks.application.port.in.SendTestEventUseCase;
import io.plausiblewebhooks.application.port.out.DeliveryLog;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.JobLock;
import io.plausiblewebhooks.application.port.out.MessageQueue;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.adapter.delivery.forward.HttpEventForwarder;
import io.plausiblewebhooks.app.config.IngestConfig;
import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import io.plausiblewebhooks.application.service.delivery.AttemptJudge;
import io.plausiblewebhooks.application.service.delivery.DeliveryEngine;
import io.plausiblewebhooks.application.service.delivery.DeliveryService;
import io.plausiblewebhooks.application.service.delivery.RetryPolicy;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;

/** The delivery engine: SSRF guard, HTTPS sender, queue, workers, the delivery API. */
@Module
public abstract class DeliveryModule {
    @Provides
    @Singleton
    static JdbiMessageQueue jdbiMessageQueue(Jdbi jdbi, Environment environment, SecretBox secretBox) {
        return new JdbiMessageQueue(jdbi, environment.getObjectMapper(), secretBox);
    }

    @Binds
    abstract MessageQueue messageQueue(JdbiMessageQueue queue);

    @Provides
    @Singleton
    static DeliveryLog deliveryLog(Jdbi jdbi) {
        return new JdbiDeliveryLog(jdbi);
    }

    @Provides
    @Singleton
    static RetryPolicy retryPolicy(AppConfiguration configuration) {
        SecureRandom random = new SecureRandom();
        return new RetryPolicy(configuration.getDelivery().getRetrySchedule().stream()
                .map(d -> Duration.ofMillis(d.toMilliseconds())).toList(), random::nextDouble);
    }

    @Provides
    @Singleton
    static AttemptJudge attemptJudge(RetryPolicy policy) {
        return new AttemptJudge(policy);
    }

    @Provides
    @Singleton
    static DeliveryEngine deliveryEngine(AppConfiguration configuration, MessageQueue queue, WebhookSender sender,
                                         AttemptJudge judge, Clock clock, DeliveryMetrics metrics, NodeId node) {
        DeliveryConfig delivery = configuration.getDelivery();
        Duration attemptDeadline = Duration.ofMillis(delivery.getConnectTimeout().toMilliseconds()
                + delivery.getRequestTimeout().toMilliseconds());
        return new DeliveryEngine(queue, sender, judge, clock, new DeliveryEngine.Settings(
                node.value(), // the lease owner: what another instance sees on this one's claimed messages
                delivery.getWorkers(),
                delivery.getBatchSize(),
                Duration.ofMillis(delivery.getLeaseDuration().toMilliseconds()),
                Duration.ofMillis(delivery.getPollInterval().toMilliseconds()),
                delivery.getMaxInFlightPerWebhook(),
                Math.max(delivery.getBatchSize(), delivery.getMaxOutstanding()),
                attemptDeadline.plusSeconds(1)), metrics);
    }

    /**
     * Starts the workers; at shutdown stops claiming, lets the requests in flight finish and records
     * them, gives the other leases back, and only then closes the HTTP client. One lifecycle object for
     * both, because Dropwizard stops separate ones in an order a set does not promise: a client closed
     * first fails every request still waiting for a slot of its webhook.
     */
    @Provides
    @IntoSet
    static Managed runsTheDeliveryEngine(DeliveryEngine engine, HttpWebhookSender sender, Jdbi jdbi) {
        // Enqueued messages (on any instance) wake idle workers at once; polling stays the fallback.
        EnqueueListener listener = new EnqueueListener(jdbi, engine::wake);
        return new Managed() {
            @Override
            public void start() {
                engine.start();
                listener.start();
            }

            @Override
            public void stop() throws InterruptedException {
                long started = System.nanoTime();
                try {
                    listener.close();
                    engine.stop();
                } finally {
                    sender.close();
                }
                org.slf4j.LoggerFactory.getLogger(DeliveryModule.class).info(
                        "Delivery workers stopped in {} ms; {} claimed messages left unrecorded (their leases expire)",
                        java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        engine.outstanding());
            }
        };
    }

    @Provides
    @Singleton
    static DeliveryService deliveryService(SiteRepository sites, WebhookRepository webhooks, MessageQueue queue,
                                           DeliveryLog log, WebhookSender sender, AttemptJudge judge, Clock clock,
                                           AppConfiguration configuration, DeliveryEngine engine) {
        DeliveryConfig delivery = configuration.getDelivery();
        Duration attemptDeadline = Duration.ofMillis(delivery.getConnectTimeout().toMilliseconds()
                + delivery.getRequestTimeout().toMilliseconds());
        return new DeliveryService(sites, webhooks, queue, log, sender, judge, clock, attemptDeadline.plusSeconds(5),
                engine::wake);
    }

    /**
     * Prunes old deliveries and finished messages once a day, starting an hour after start-up, on one
     * instance at a time (job lock "delivery-retention").
     */
    @Provides
    @IntoSet
    static Managed prunesOldDeliveries(DeliveryLog log, Clock clock, AppConfiguration configuration, JobLock lock) {
        io.plausiblewebhooks.application.service.delivery.DeliveryRetention retention =
                new io.plausiblewebhooks.application.service.delivery.DeliveryRetention(log, clock,
                        Duration.ofMillis(configuration.getRetention().getDeliveries().toMilliseconds()));
        return new Managed() {
            private java.util.concurrent.ScheduledExecutorService timer;

            @Override
            public void start() {
                timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "delivery-retention");
                    thread.setDaemon(true);
                    return thread;
                });
                timer.scheduleWithFixedDelay(() -> {
                    try {
                        lock.runExclusively("delivery-retention", () -> {
                            long deleted = retention.pruneOnce();
                            org.slf4j.LoggerFactory.getLogger(DeliveryModule.class)
                                    .info("Retention pruned {} delivery rows and finished messages", deleted);
                        });
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(DeliveryModule.class).warn("Delivery retention failed", e);
                    }
                }, 1, 24, java.util.concurrent.TimeUnit.HOURS);
            }

            @Override
            public void stop() {
                timer.shutdownNow();
            }
        };
    }

    @Binds
    abstract SendTestEventUseCase sendTestEvent(DeliveryService service);

    @Binds
    abstract RedeliverMessageUseCase redeliver(DeliveryService service);

    @Binds
    abstract ListDeliveriesUseCase listDeliveries(DeliveryService service);

    @Binds
    abstract GetDeliveryUseCase getDelivery(DeliveryService service);

    @Provides
    @IntoSet
    @JerseyComponent
    static Object deliveriesResource(ListDeliveriesUseCase list, GetDeliveryUseCase get,
                                     RedeliverMessageUseCase redeliver) {
        return new DeliveriesResource(list, get, redeliver);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object webhookTestResource(SendTestEventUseCase test) {
        return new WebhookTestResource(test);
    }

    @Provides
    @Singleton
    static SsrfGuard ssrfGuard(AppConfiguration configuration) {
        return new SsrfGuard(AddressPolicy.parse(configuration.getDelivery().getAllowedNetworks()), HostResolver.SYSTEM);
    }

    @Provides
    static DestinationGuard destinationGuard(SsrfGuard guard) {
        return guard;
    }

    @Provides
    @Singleton
    static HttpWebhookSender httpWebhookSender(AppConfiguration configuration, SsrfGuard guard, Clock clock) {
        DeliveryConfig delivery = configuration.getDelivery();
        String pem = delivery.getTrustedCertificates();
        return new HttpWebhookSender(
                new HttpWebhookSender.Settings(
                        Duration.ofMillis(delivery.getConnectTimeout().toMilliseconds()),
                        Duration.ofMillis(delivery.getRequestTimeout().toMilliseconds()),
                        delivery.getMaxConnections(),
                        delivery.getMaxConnectionsPerDestination(),
                        delivery.getIoThreads(),
                        version()),
                guard,
                TrustMaterial.sslContext(pem == null || pem.isBlank() ? null : Path.of(pem)),
                clock);
    }

    @Provides
    static WebhookSender webhookSender(HttpWebhookSender sender) {
        return sender;
    }

    /** The forwarder of {@code POST /api/event} to {@code ingest.forwardTo}; empty when that is not set. */
    @Provides
    @Singleton
    static Optional<HttpEventForwarder> httpEventForwarder(AppConfiguration configuration, ForwardMetrics metrics) {
        IngestConfig ingest = configuration.getIngest();
        if (!ingest.forwards()) {
            return Optional.empty();
        }
        String pem = configuration.getDelivery().getTrustedCertificates();
        // The upstream is the operator's own choice (often a self-hosted Plausible on a private network),
        // so it is not held to the SSRF guard that protects against user-supplied webhook URLs.
        return Optional.of(new HttpEventForwarder(new HttpEventForwarder.Settings(
                URI.create(ingest.getForwardTo().trim()), ingest.getBufferCapacity(), ingest.getMaxInFlight(),
                ingest.getMaxAttempts(),
                Duration.ofMillis(ingest.getFirstRetryDelay().toMilliseconds()),
                Duration.ofMillis(ingest.getMaxRetryDelay().toMilliseconds()),
                Duration.ofMillis(ingest.getConnectTimeout().toMilliseconds()),
                Duration.ofMillis(ingest.getRequestTimeout().toMilliseconds())),
                TrustMaterial.sslContext(pem == null || pem.isBlank() ? null : Path.of(pem)), metrics));
    }

    @Provides
    static EventForwarder eventForwarder(Optional<HttpEventForwarder> forwarder) {
        return forwarder.<EventForwarder>map(f -> f).orElse(EventForwarder.OFF);
    }

    @Provides
    @IntoSet
    static Managed closesTheForwarder(Optional<HttpEventForwarder> forwarder) {
        return new Managed() {
            @Override
            public void stop() {
                forwarder.ifPresent(HttpEventForwarder::close);
            }
        };
    }

    /** The jar's version ({@code Implementation-Version}), "dev" when run from classes. */
    static String version() {
        String version = DeliveryModule.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
