package io.plausiblewebhooks.app.wiring;

import com.codahale.metrics.health.HealthCheck;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.plausiblewebhooks.adapter.delivery.plausible.PlausibleRemoteStats;
import io.plausiblewebhooks.adapter.delivery.plausible.PlausibleStatsClient;
import io.plausiblewebhooks.adapter.metrics.MicrometerStatsSourceMetrics;
import io.plausiblewebhooks.adapter.metrics.PrometheusMetrics;
import io.plausiblewebhooks.adapter.persistence.events.JdbiStatsQuery;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.config.StatsSourcesConfig;
import io.plausiblewebhooks.application.port.out.RemoteStats;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.StatsSourceMetrics;
import io.plausiblewebhooks.application.port.out.StatsSourceStore;
import io.plausiblewebhooks.application.service.stats.RoutingStatsQuery;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Where each site's statistics come from: the local events table, or a Plausible instance's Stats API
 * ({@code stats_source: plausible_api}), with its request budget, metric and health check.
 */
@Module
public abstract class StatsSourceModule {
    private StatsSourceModule() {
    }

    @Provides
    @Singleton
    static RemoteStats remoteStats(AppConfiguration configuration, Clock clock, SsrfGuard guard) {
        StatsSourcesConfig.PlausibleApi plausible = configuration.getStatsSources().getPlausibleApi();
        String pem = configuration.getDelivery().getTrustedCertificates();
        return new PlausibleRemoteStats(new PlausibleStatsClient(
                TrustMaterial.sslContext(pem == null || pem.isBlank() ? null : Path.of(pem)), guard,
                Duration.ofMillis(plausible.getConnectTimeout().toMilliseconds()),
                Duration.ofMillis(plausible.getRequestTimeout().toMilliseconds()), clock), guard);
    }

    @Provides
    @Singleton
    static StatsSourceMetrics statsSourceMetrics(PrometheusMetrics metrics) {
        return new MicrometerStatsSourceMetrics(metrics.registry());
    }

    @Provides
    @Singleton
    static StatsQuery statsQuery(JdbiStatsQuery local, RemoteStats remote, StatsSourceStore sources,
                                 AppConfiguration configuration, Clock clock, StatsSourceMetrics metrics) {
        StatsSourcesConfig.PlausibleApi plausible = configuration.getStatsSources().getPlausibleApi();
        return new RoutingStatsQuery(local, remote, sources, plausible.getRequestsPerHour(),
                Duration.ofMillis(plausible.getSettleDelay().toMilliseconds()), clock, metrics);
    }

    /** Unhealthy while the last check of some plausible_api site failed; counts them, never shows a key. */
    @Provides
    @IntoMap
    @StringKey("plausible-api")
    static HealthCheck plausibleApiHealth(StatsSourceStore sources) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                int failing = sources.countFailing();
                if (failing == 0) {
                    return Result.healthy("every plausible_api site answered at its last check");
                }
                return Result.unhealthy("%d plausible_api site(s) could not be read at their last check; see last_error"
                        + " on GET /api/v1/sites", failing);
            }
        };
    }
}
