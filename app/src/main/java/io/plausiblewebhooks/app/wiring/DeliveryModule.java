package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.adapter.delivery.AddressPolicy;
import io.plausiblewebhooks.adapter.delivery.HostResolver;
import io.plausiblewebhooks.adapter.delivery.HttpWebhookSender;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.plausiblewebhooks.adapter.delivery.forward.HttpEventForwarder;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.config.DeliveryConfig;
import io.plausiblewebhooks.app.config.IngestConfig;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;

/** The delivery engine: SSRF guard, HTTPS sender, workers. */
@Module
public abstract class DeliveryModule {
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

    @Provides
    @IntoSet
    static Managed closesTheSender(HttpWebhookSender sender) {
        return new Managed() {
            @Override
            public void stop() {
                sender.close();
            }
        };
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
