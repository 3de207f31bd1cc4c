package io.plausiblewebhooks.application.service.stats;

import io.plausiblewebhooks.application.port.out.RemoteStats;
import io.plausiblewebhooks.application.port.out.RemoteStats.Dimension;
import io.plausiblewebhooks.application.port.out.RemoteStats.RemoteStatsException;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.StatsSourceMetrics;
import io.plausiblewebhooks.application.port.out.StatsSourceMetrics.Outcome;
import io.plausiblewebhooks.application.port.out.StatsSourceStore;
import io.plausiblewebhooks.application.port.out.StatsSourceStore.RemoteSite;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.StatsSourceError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers each site from its own stats source: local sites from the local store in bulk, plausible_api
 * sites from {@link RemoteStats}, one request per site and question.
 *
 * <p>Within one check ({@link #forCheck}) no question is asked twice for a site, a site whose source
 * failed is not asked again, and that site is reported by {@link StatsQuery#unavailableSites()}: its
 * data is missing, never zero. Each API key has a request budget ({@link RequestBudget}); sites that
 * find it spent are deferred to a later check, the least recently served first, so a short budget
 * spreads the sites over checks instead of starving some. {@link StatsQuery#finish()} stores each failed
 * site's {@code last_error} and clears it for sites whose source answered.
 *
 * <p>Goal conversions from a remote source count completions in whole seconds
 * {@code [watermark, now - settleDelay)}, the settle delay leaving Plausible time to ingest recent
 * events. Such watermarks are stored negated ({@code -epochSecond}) so they can never be mistaken for
 * the local store's (non-negative) transaction watermarks after a site changes source.
 */
public final class RoutingStatsQuery implements StatsQuery {
    static final String DIRECT = "Direct / None";

    private final StatsQuery local;
    private final RemoteStats remote;
    private final StatsSourceStore sources;
    private final RequestBudget budget;
    private final Duration settleDelay;
    private final Clock clock;
    private final StatsSourceMetrics metrics;
    /** When each remote site was last served, so a short budget serves the longest-waiting first. */
    private final Map<SiteId, Instant> lastServed = new ConcurrentHashMap<>();

    public RoutingStatsQuery(StatsQuery local, RemoteStats remote, StatsSourceStore sources, int requestsPerHourPerKey,
                             Duration settleDelay, Clock clock, StatsSourceMetrics metrics) {
        this.local = local;
        this.remote = remote;
        this.sources = sources;
        this.budget = new RequestBudget(requestsPerHourPerKey);
        this.settleDelay = settleDelay;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public StatsQuery forCheck(Instant now) {
        return new Check(now);
    }

    // Outside a check (a single question), each call is a check of its own.

    @Override
    public Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to) {
        return once(check -> check.visitors(sites, from, to));
    }

    @Override
    public Map<SiteId, Long> visitorsSince(Set<SiteId> sites, Instant from, Instant now) {
        return once(check -> check.visitorsSince(sites, from, now));
    }

    @Override
    public Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit) {
        return once(check -> check.topSources(sites, from, to, limit));
    }

    @Override
    public Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit) {
        return once(check -> check.topPages(sites, from, to, limit));
    }

    @Override
    public Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to) {
        return once(check -> check.eventCounts(queries, to));
    }

    @Override
    public GoalConversions goalConversions(List<ConversionQuery> queries) {
        return once(check -> check.goalConversions(queries));
    }

    private <T> T once(Function<StatsQuery, T> question) {
        StatsQuery check = forCheck(clock.instant());
        try {
            return question.apply(check);
        } finally {
            check.finish();
        }
    }

    /** One check: its cache, its unavailable sites, its outcomes. Used by one thread. */
    private final class Check implements StatsQuery {
        private final Instant now;
        private final Map<SiteId, RemoteSite> remoteSites = new HashMap<>();
        private final Set<SiteId> lookedUp = new HashSet<>();
        private final Map<List<Object>, Object> answers = new HashMap<>();
        private final Set<SiteId> unavailable = new HashSet<>();
        private final Map<SiteId, StatsSourceError> failed = new HashMap<>();
        private final Set<SiteId> answered = new HashSet<>();

        Check(Instant now) {
            this.now = now;
        }

        @Override
        public Set<SiteId> unavailableSites() {
            return Set.copyOf(unavailable);
        }

        @Override
        public void finish() {
            Set<SiteId> cleared = new HashSet<>(answered);
            cleared.removeAll(failed.keySet());
            sources.recordErrors(failed);
            sources.clearErrors(cleared);
        }

        @Override
        public Map<SiteId, Long> currentVisitors(Set<SiteId> sites, Instant at) {
            Split split = split(sites);
            Map<SiteId, Long> result = new HashMap<>(split.local().isEmpty() ? Map.of() : local.currentVisitors(split.local(), at));
            for (RemoteSite site : split.remote()) {
                ask(site, List.of("current", at), () -> remote.currentVisitors(site.source()))
                        .ifPresent(count -> result.put(site.site(), count));
            }
            return result;
        }

        @Override
        public Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to) {
            return visitors(sites, from, to, localSites -> local.visitors(localSites, from, to));
        }

        @Override
        public Map<SiteId, Long> visitorsSince(Set<SiteId> sites, Instant from, Instant until) {
            // Plausible is asked for the window ending at the given present either way.
            return visitors(sites, from, until, localSites -> local.visitorsSince(localSites, from, until));
        }

        private Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to,
                                           Function<Set<SiteId>, Map<SiteId, Long>> localAnswer) {
            Split split = split(sites);
            Map<SiteId, Long> result = new HashMap<>(split.local().isEmpty() ? Map.of() : localAnswer.apply(split.local()));
            for (RemoteSite site : split.remote()) {
                ask(site, List.of("visitors", from, to), () -> remote.visitors(site.source(), from, to))
                        .ifPresent(count -> result.put(site.site(), count));
            }
            return result;
        }

        @Override
        public Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit) {
            Split split = split(sites);
            Map<SiteId, List<Count>> result = new HashMap<>(
                    split.local().isEmpty() ? Map.of() : local.topSources(split.local(), from, to, limit));
            for (RemoteSite site : split.remote()) {
                // The local store leaves direct traffic out; Plausible lists it as a source of its own.
                ask(site, List.of("sources", from, to, limit),
                        () -> remote.top(site.source(), Dimension.SOURCE, from, to, limit + 1).stream()
                                .filter(count -> !DIRECT.equals(count.name())).limit(limit).toList())
                        .ifPresent(top -> result.put(site.site(), top));
            }
            return result;
        }

        @Override
        public Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit) {
            Split split = split(sites);
            Map<SiteId, List<Count>> result = new HashMap<>(
                    split.local().isEmpty() ? Map.of() : local.topPages(split.local(), from, to, limit));
            for (RemoteSite site : split.remote()) {
                ask(site, List.of("pages", from, to, limit), () -> remote.top(site.source(), Dimension.PAGE, from, to, limit))
                        .ifPresent(top -> result.put(site.site(), top));
            }
            return result;
        }

        @Override
        public Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to) {
            split(queries.stream().map(EventCountQuery::site).collect(java.util.stream.Collectors.toSet()));
            List<EventCountQuery> localQueries = queries.stream().filter(q -> !remoteSites.containsKey(q.site())).toList();
            Map<UUID, Long> result = new HashMap<>(localQueries.isEmpty() ? Map.of() : local.eventCounts(localQueries, to));
            for (EventCountQuery query : queries) {
                RemoteSite site = remoteSites.get(query.site());
                if (site == null) {
                    continue;
                }
                ask(site, List.of("events", query.eventName(), query.from(), to),
                        () -> remote.events(site.source(), query.eventName(), query.from(), to))
                        .filter(count -> count > 0)
                        .ifPresent(count -> result.put(query.key(), count));
            }
            return result;
        }

        @Override
        public GoalConversions goalConversions(List<ConversionQuery> queries) {
            split(queries.stream().map(ConversionQuery::site).collect(java.util.stream.Collectors.toSet()));
            List<ConversionQuery> localQueries = new ArrayList<>();
            List<ConversionQuery> remoteQueries = new ArrayList<>();
            for (ConversionQuery query : queries) {
                if (remoteSites.containsKey(query.site())) {
                    remoteQueries.add(query);
                } else {
                    localQueries.add(localWatermark(query));
                }
            }
            GoalConversions fromLocal = localQueries.isEmpty() ? new GoalConversions(Map.of(), 0)
                    : local.goalConversions(localQueries);
            Map<UUID, ConversionCount> counts = new HashMap<>(fromLocal.counts());
            Map<UUID, Long> watermarks = new HashMap<>();
            Instant to = now.minus(settleDelay).truncatedTo(ChronoUnit.SECONDS);
            for (ConversionQuery query : remoteQueries) {
                RemoteSite site = remoteSites.get(query.site());
                Instant from = remoteFrom(query, site);
                watermarks.put(query.key(), -from.getEpochSecond());
                if (!from.isBefore(to)) {
                    counts.put(query.key(), new ConversionCount(0, null, null));
                    continue;
                }
                String goalName = query.goal().displayName();
                // Plausible's datetime ranges include both ends, to the second: [from, to - 1s].
                Optional<Long> count = ask(site, List.of("goal", goalName, from, to),
                        () -> remote.goalConversions(site.source(), goalName, from, to.minusSeconds(1)));
                if (count.isPresent()) {
                    long n = count.get();
                    counts.put(query.key(), n == 0 ? new ConversionCount(0, null, null) : new ConversionCount(n, from, to));
                    watermarks.put(query.key(), -to.getEpochSecond());
                }
            }
            return new GoalConversions(counts, fromLocal.watermark(), watermarks);
        }

        /** Where a remote count starts: its own watermark, else the trigger's creation or the source change. */
        private Instant remoteFrom(ConversionQuery query, RemoteSite site) {
            Long watermark = query.afterWatermark();
            if (watermark != null && watermark < 0) {
                return Instant.ofEpochSecond(-watermark);
            }
            // No watermark yet, or one of the local store from before the site changed source.
            Instant start = watermark == null ? query.notBefore() : later(query.notBefore(), site.since());
            Instant whole = start.truncatedTo(ChronoUnit.SECONDS);
            return whole.equals(start) ? whole : whole.plusSeconds(1);
        }

        /** A watermark of a remote source means nothing to the local store: count from its time instead. */
        private ConversionQuery localWatermark(ConversionQuery query) {
            Long watermark = query.afterWatermark();
            if (watermark == null || watermark >= 0) {
                return query;
            }
            return new ConversionQuery(query.key(), query.site(), query.goal(), null,
                    later(query.notBefore(), Instant.ofEpochSecond(-watermark)));
        }

        private record Split(Set<SiteId> local, List<RemoteSite> remote) {
        }

        /** Local sites, and remote ones ordered longest-waiting first (they get the budget first). */
        private Split split(Set<SiteId> sites) {
            Set<SiteId> unknown = new HashSet<>(sites);
            unknown.removeAll(lookedUp);
            if (!unknown.isEmpty()) {
                remoteSites.putAll(sources.remoteSources(unknown));
                lookedUp.addAll(unknown);
            }
            Set<SiteId> localSites = new HashSet<>();
            List<RemoteSite> remoteList = new ArrayList<>();
            for (SiteId site : sites) {
                RemoteSite remoteSite = remoteSites.get(site);
                if (remoteSite == null) {
                    localSites.add(site);
                } else {
                    remoteList.add(remoteSite);
                }
            }
            remoteList.sort(Comparator.comparing((RemoteSite s) -> lastServed.getOrDefault(s.site(), Instant.MIN))
                    .thenComparing(s -> s.site().value()));
            return new Split(localSites, remoteList);
        }

        /** The answer to one question about one remote site: cached, budgeted, empty when missing. */
        @SuppressWarnings("unchecked")
        private <T> Optional<T> ask(RemoteSite site, List<Object> question, Supplier<T> call) {
            if (unavailable.contains(site.site())) {
                return Optional.empty();
            }
            List<Object> key = new ArrayList<>(question.size() + 1);
            key.add(site.site());
            key.addAll(question);
            if (answers.containsKey(key)) {
                return Optional.of((T) answers.get(key));
            }
            if (!budget.tryAcquire(site.source().apiKey().value(), now)) {
                metrics.request(StatsSource.PLAUSIBLE_API, Outcome.DEFERRED);
                unavailable.add(site.site());
                return Optional.empty();
            }
            try {
                T answer = call.get();
                answers.put(key, answer);
                answered.add(site.site());
                lastServed.put(site.site(), now);
                metrics.request(StatsSource.PLAUSIBLE_API, Outcome.SUCCESS);
                return Optional.of(answer);
            } catch (RemoteStatsException e) {
                metrics.request(StatsSource.PLAUSIBLE_API, e.rateLimited() ? Outcome.RATE_LIMITED : Outcome.ERROR);
                fail(site, e.getMessage());
            } catch (RuntimeException e) {
                // An adapter bug must not look like data; the message names no secret.
                metrics.request(StatsSource.PLAUSIBLE_API, Outcome.ERROR);
                fail(site, "unexpected error reading the source: " + e.getClass().getSimpleName());
            }
            return Optional.empty();
        }

        private void fail(RemoteSite site, String message) {
            unavailable.add(site.site());
            lastServed.put(site.site(), now);
            failed.put(site.site(), new StatsSourceError(message, now));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
