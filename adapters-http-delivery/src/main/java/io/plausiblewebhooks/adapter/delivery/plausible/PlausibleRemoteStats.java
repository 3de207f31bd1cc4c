package io.plausiblewebhooks.adapter.delivery.plausible;

import io.plausiblewebhooks.application.port.out.RemoteStats;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.domain.StatsSource.PlausibleApi;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The {@link RemoteStats} port on Plausible's Stats API ({@link PlausibleStatsClient}). */
public final class PlausibleRemoteStats implements RemoteStats {
    private final PlausibleStatsClient client;

    public PlausibleRemoteStats(PlausibleStatsClient client) {
        this.client = client;
    }

    @Override
    public long currentVisitors(PlausibleApi source) {
        return call(() -> client.realtimeVisitors(source(source)));
    }

    @Override
    public long visitors(PlausibleApi source, Instant from, Instant to) {
        return call(() -> client.visitors(source(source), from, to));
    }

    @Override
    public List<Count> top(PlausibleApi source, Dimension dimension, Instant from, Instant to, int limit) {
        String name = switch (dimension) {
            case SOURCE -> "visit:source";
            case PAGE -> "event:page";
        };
        return call(() -> client.top(source(source), name, from, to, limit));
    }

    @Override
    public long events(PlausibleApi source, String eventName, Instant from, Instant to) {
        return call(() -> client.events(source(source), eventName, from, to));
    }

    @Override
    public long goalConversions(PlausibleApi source, String goalName, Instant from, Instant to) {
        return call(() -> client.goalConversions(source(source), goalName, from, to));
    }

    private static PlausibleStatsClient.Source source(PlausibleApi source) {
        return new PlausibleStatsClient.Source(source.baseUrl().uri(), source.siteId(), source.apiKey().value());
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (PlausibleApiException e) {
            throw new RemoteStatsException(e.getMessage(), e.rateLimited());
        }
    }
}
