package io.plausiblewebhooks.application.service.trigger;

import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.trigger.spi.GoalRef;
import io.plausiblewebhooks.trigger.spi.StatsView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The plugins' view of the stats at one check time, answered by the {@link StatsQuery} port. */
final class StatsQueryView implements StatsView {
    private final StatsQuery stats;
    private final Instant now;
    private final Map<UUID, SiteId> siteIds;
    private final Map<UUID, Goal> goals;

    /**
     * @param goals the goals of the triggers being checked, so plugins' goal references map back to
     *        domain goals without another query
     */
    StatsQueryView(StatsQuery stats, Instant now, Map<UUID, Goal> goals) {
        this.stats = stats;
        this.now = now;
        this.siteIds = new HashMap<>();
        this.goals = goals;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Map<UUID, Long> currentVisitors(Set<UUID> sites) {
        return byUuid(stats.currentVisitors(toSiteIds(sites), now));
    }

    @Override
    public Set<UUID> unavailableSites() {
        Set<UUID> unavailable = new HashSet<>();
        stats.unavailableSites().forEach(site -> unavailable.add(site.value()));
        return unavailable;
    }

    @Override
    public Map<UUID, Long> visitors(Set<UUID> sites, Duration window) {
        return byUuid(stats.visitorsSince(toSiteIds(sites), now.minus(window), now));
    }

    @Override
    public Map<UUID, List<NamedCount>> topSources(Set<UUID> sites, Duration window, int limit) {
        return named(stats.topSources(toSiteIds(sites), now.minus(window), now, limit));
    }

    @Override
    public Map<UUID, List<NamedCount>> topPages(Set<UUID> sites, Duration window, int limit) {
        return named(stats.topPages(toSiteIds(sites), now.minus(window), now, limit));
    }

    @Override
    public Map<UUID, Long> eventCounts(Collection<EventCountQuery> queries) {
        List<StatsQuery.EventCountQuery> portQueries = queries.stream()
                .map(q -> new StatsQuery.EventCountQuery(q.key(), siteId(q.siteId()), q.eventName(), now.minus(q.window())))
                .toList();
        return stats.eventCounts(portQueries, now);
    }

    @Override
    public Map<UUID, Conversions> goalConversions(Collection<ConversionQuery> queries) {
        List<StatsQuery.ConversionQuery> portQueries = queries.stream()
                .map(q -> new StatsQuery.ConversionQuery(q.key(), siteId(q.siteId()), goal(q.siteId(), q.goal()),
                        q.afterWatermark(), q.notBefore()))
                .toList();
        StatsQuery.GoalConversions answer = stats.goalConversions(portQueries);
        Map<UUID, Conversions> result = new HashMap<>();
        for (ConversionQuery q : queries) {
            StatsQuery.ConversionCount count = answer.counts().get(q.key());
            result.put(q.key(), count == null
                    ? new Conversions(0, null, null, answer.watermarkOf(q.key()))
                    : new Conversions(count.count(), count.first(), count.last(), answer.watermarkOf(q.key())));
        }
        return result;
    }

    private Goal goal(UUID site, GoalRef ref) {
        Goal known = goals.get(ref.id());
        if (known != null) {
            return known;
        }
        // A goal the plugin made up: it validates like any goal.
        return new Goal(new GoalId(ref.id()), siteId(site), ref.eventName(), ref.pagePath(), ref.displayName());
    }

    private Set<SiteId> toSiteIds(Set<UUID> sites) {
        Set<SiteId> ids = new HashSet<>(sites.size() * 2);
        for (UUID site : sites) {
            ids.add(siteId(site));
        }
        return ids;
    }

    private SiteId siteId(UUID site) {
        return siteIds.computeIfAbsent(site, SiteId::new);
    }

    private static Map<UUID, Long> byUuid(Map<SiteId, Long> counts) {
        Map<UUID, Long> result = new HashMap<>(counts.size() * 2);
        counts.forEach((site, count) -> result.put(site.value(), count));
        return result;
    }

    private static Map<UUID, List<NamedCount>> named(Map<SiteId, List<StatsQuery.Count>> counts) {
        Map<UUID, List<NamedCount>> result = new HashMap<>();
        counts.forEach((site, list) -> result.put(site.value(),
                list.stream().map(c -> new NamedCount(c.name(), c.visitors())).toList()));
        return result;
    }
}
