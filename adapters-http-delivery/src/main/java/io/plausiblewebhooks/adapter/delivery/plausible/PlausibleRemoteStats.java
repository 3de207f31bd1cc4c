package io.plausiblewebhooks.adapter.delivery.plausible;

import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.RemoteStats;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.domain.StatsSource.PlausibleApi;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link RemoteStats} port on Plausible's Stats API ({@link PlausibleStatsClient}). Before each
 * request the base URL's host is checked again by the SSRF guard, as webhook destinations are at
 * delivery, so a name that later resolves to a private address is not asked (with the key).
 */
public final class PlausibleRemoteStats implements RemoteStats {
    private final PlausibleStatsClient client;
    private final DestinationGuard guard;

    public PlausibleRemoteStats(PlausibleStatsClient client, DestinationGuard guard) {
        this.client = client;
        this.guard = guard;
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

    private PlausibleStatsClient.Source source(PlausibleApi source) {
        try {
            guard.check(source.baseUrl());
        } catch (ValidationException refused) {
            throw new RemoteStatsException("base_url refused: " + refused.errors().values().iterator().next().get(0), false);
        }
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
