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
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.config.DeliveryConfig;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import jakarta.inject.Singleton;
import java.nio.file.Path;
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

    /** The jar's version ({@code Implementation-Version}), "dev" when run from classes. */
    static String version() {
        String version = DeliveryModule.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
