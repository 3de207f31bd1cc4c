package io.plausiblewebhooks.application.service.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.application.port.out.RemoteStats;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.StatsQuery.ConversionQuery;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.application.port.out.StatsQuery.GoalConversions;
import io.plausiblewebhooks.application.port.out.StatsSourceMetrics;
import io.plausiblewebhooks.application.port.out.StatsSourceStore;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.PlausibleApiKey;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource.PlausibleApi;
import io.plausiblewebhooks.domain.StatsSourceError;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Routing per site, the per-check cache, missing data, the request budget and remote goal watermarks. */
class RoutingStatsQueryTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-29T09:00:00Z");

    private final SiteId localSite = SiteId.random();
    private final SiteId remoteSite = SiteId.random();
    private final FakeRemote remote = new FakeRemote();
    private final FakeSources sources = new FakeSources();
    private final List<StatsSourceMetrics.Outcome> outcomes = new ArrayList<>();
    private final StatsQuery local = new StatsQuery() {
        @Override
        public Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to) {
            assertThat(sites).doesNotContain(remoteSite);
            return Map.of(localSite, 7L);
        }

        @Override
        public Map<SiteId, Long> visitorsSince(Set<SiteId> sites, Instant from, Instant now) {
            assertThat(sites).doesNotContain(remoteSite);
            return Map.of(localSite, 9L);
        }

        @Override
        public Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit) {
            return Map.of();
        }

        @Override
        public Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit) {
            return Map.of();
        }

        @Override
        public Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to) {
            return Map.of();
        }

        @Override
        public GoalConversions goalConversions(List<ConversionQuery> queries) {
            return new GoalConversions(Map.of(), 42);
        }
    };

    private RoutingStatsQuery routing(int requestsPerHour) {
        return new RoutingStatsQuery(local, remote, sources, requestsPerHour, Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), (source, outcome) -> outcomes.add(outcome));
    }

    private PlausibleApi source(String key) {
        return new PlausibleApi(new WebhookUrl("https://plausible.io"), "shop.example.com", new PlausibleApiKey(key));
    }

    @Test
    void answersEachSiteFromItsOwnSourceAndAsksPlausibleOncePerCheck() {
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-aaaaaaaaaaaaaaaa"), CREATED));
        remote.current = 12;
        StatsQuery check = routing(600).forCheck(NOW);

        assertThat(check.currentVisitors(Set.of(localSite, remoteSite), NOW)).containsEntry(localSite, 9L).containsEntry(remoteSite, 12L);
        assertThat(check.currentVisitors(Set.of(remoteSite), NOW)).containsEntry(remoteSite, 12L);
        check.finish();

        assertThat(remote.requests).isEqualTo(1);
        assertThat(check.unavailableSites()).isEmpty();
        assertThat(sources.cleared).contains(remoteSite);
    }

    @Test
    void aWindowEndingNowIsAskedOfTheLocalStoreAsSuchAndOfPlausibleAsTheWindowUpToNow() {
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-aaaaaaaaaaaaaaaa"), CREATED));
        StatsQuery check = routing(600).forCheck(NOW);

        assertThat(check.visitorsSince(Set.of(localSite, remoteSite), NOW.minusSeconds(12 * 3600), NOW))
                .containsEntry(localSite, 9L).containsEntry(remoteSite, 0L);
        check.finish();

        assertThat(remote.visitorWindows).containsExactly(List.of(NOW.minusSeconds(12 * 3600), NOW));
    }

    @Test
    void aFailedSourceIsMissingNotZeroAndRecordsItsError() {
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-aaaaaaaaaaaaaaaa"), CREATED));
        remote.failure = new RemoteStats.RemoteStatsException("Plausible answered 500", false);
        StatsQuery check = routing(600).forCheck(NOW);

        assertThat(check.visitors(Set.of(localSite, remoteSite), NOW.minusSeconds(3600), NOW)).containsOnlyKeys(localSite);
        assertThat(check.currentVisitors(Set.of(remoteSite), NOW)).isEmpty();
        check.finish();

        assertThat(remote.requests).as("a failed site is not asked again in the same check").isEqualTo(1);
        assertThat(check.unavailableSites()).containsExactly(remoteSite);
        assertThat(sources.errors).containsEntry(remoteSite, new StatsSourceError("Plausible answered 500", NOW));
        assertThat(sources.cleared).doesNotContain(remoteSite);
        assertThat(outcomes).containsExactly(StatsSourceMetrics.Outcome.ERROR);
    }

    @Test
    void aShortBudgetSpreadsTheSitesOfOneKeyOverChecks() {
        // 60 requests per hour: one per minute, a bucket of one.
        RoutingStatsQuery routing = routing(60);
        SiteId other = SiteId.random();
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-shared-aaaaaaaa"), CREATED));
        sources.remote.put(other, new StatsSourceStore.RemoteSite(other, source("key-shared-aaaaaaaa"), CREATED));
        Set<SiteId> served = new HashSet<>();

        for (int minute = 0; minute < 2; minute++) {
            StatsQuery check = routing.forCheck(NOW.plusSeconds(60L * minute));
            served.addAll(check.currentVisitors(Set.of(remoteSite, other), NOW).keySet());
            assertThat(check.unavailableSites()).as("one site waits for the next check").hasSize(1);
            check.finish();
        }

        assertThat(served).containsExactlyInAnyOrder(remoteSite, other);
        assertThat(remote.requests).isEqualTo(2);
        assertThat(sources.errors).as("a deferred site has no error").isEmpty();
        assertThat(outcomes).contains(StatsSourceMetrics.Outcome.DEFERRED);
    }

    @Test
    void remoteGoalConversionsCountWholeSecondsSinceTheirOwnWatermark() {
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-aaaaaaaaaaaaaaaa"), CREATED));
        Goal goal = new Goal(GoalId.random(), remoteSite, "Signup", null, null);
        UUID first = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        remote.conversions = 3;

        GoalConversions answer = routing(600).forCheck(NOW).goalConversions(List.of(
                new ConversionQuery(first, remoteSite, goal, null, CREATED.plusMillis(1500)),
                new ConversionQuery(later, remoteSite, goal, -NOW.minusSeconds(600).getEpochSecond(), CREATED)));

        Instant settled = NOW.minusSeconds(30);
        assertThat(remote.goalWindows).containsExactly(
                List.of("Signup", CREATED.plusSeconds(2), settled.minusSeconds(1)),
                List.of("Signup", NOW.minusSeconds(600), settled.minusSeconds(1)));
        assertThat(answer.counts().get(first).count()).isEqualTo(3);
        assertThat(answer.watermarkOf(first)).isEqualTo(-settled.getEpochSecond());
        assertThat(answer.watermarkOf(later)).isEqualTo(-settled.getEpochSecond());
    }

    @Test
    void aLocalWatermarkOnARemoteSiteCountsFromTheSourceChange() {
        Instant switched = Instant.parse("2026-11-29T09:30:00Z");
        sources.remote.put(remoteSite, new StatsSourceStore.RemoteSite(remoteSite, source("key-aaaaaaaaaaaaaaaa"), switched));
        Goal goal = new Goal(GoalId.random(), remoteSite, null, "/thanks", null);

        routing(600).forCheck(NOW).goalConversions(List.of(
                new ConversionQuery(UUID.randomUUID(), remoteSite, goal, 1234L, CREATED)));

        assertThat(remote.goalWindows).containsExactly(List.of("Visit /thanks", switched, NOW.minusSeconds(31)));
    }

    @Test
    void aRemoteWatermarkOnALocalSiteBecomesATimeForTheLocalStore() {
        List<ConversionQuery> asked = new ArrayList<>();
        StatsQuery recordingLocal = new StatsQuery() {
            public Map<SiteId, Long> visitors(Set<SiteId> s, Instant f, Instant t) {
                return Map.of();
            }

            public Map<SiteId, List<Count>> topSources(Set<SiteId> s, Instant f, Instant t, int l) {
                return Map.of();
            }

            public Map<SiteId, List<Count>> topPages(Set<SiteId> s, Instant f, Instant t, int l) {
                return Map.of();
            }

            public Map<UUID, Long> eventCounts(List<EventCountQuery> q, Instant t) {
                return Map.of();
            }

            public GoalConversions goalConversions(List<ConversionQuery> queries) {
                asked.addAll(queries);
                return new GoalConversions(Map.of(), 42);
            }
        };
        Goal goal = new Goal(GoalId.random(), localSite, "Signup", null, null);
        UUID key = UUID.randomUUID();
        RoutingStatsQuery routing = new RoutingStatsQuery(recordingLocal, remote, sources, 600, Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), StatsSourceMetrics.NONE);

        GoalConversions answer = routing.goalConversions(List.of(
                new ConversionQuery(key, localSite, goal, -NOW.minusSeconds(120).getEpochSecond(), CREATED)));

        assertThat(asked).containsExactly(new ConversionQuery(key, localSite, goal, null, NOW.minusSeconds(120)));
        assertThat(answer.watermarkOf(key)).isEqualTo(42);
    }

    private static final class FakeRemote implements RemoteStats {
        long current;
        long conversions;
        RemoteStatsException failure;
        int requests;
        final List<List<Object>> goalWindows = new ArrayList<>();
        final List<List<Instant>> visitorWindows = new ArrayList<>();

        private void request() {
            requests++;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public long currentVisitors(PlausibleApi source) {
            request();
            return current;
        }

        @Override
        public long visitors(PlausibleApi source, Instant from, Instant to) {
            request();
            visitorWindows.add(List.of(from, to));
            return 0;
        }

        @Override
        public List<Count> top(PlausibleApi source, Dimension dimension, Instant from, Instant to, int limit) {
            request();
            return List.of();
        }

        @Override
        public long events(PlausibleApi source, String eventName, Instant from, Instant to) {
            request();
            return 0;
        }

        @Override
        public long goalConversions(PlausibleApi source, String goalName, Instant from, Instant to) {
            request();
            goalWindows.add(List.of(goalName, from, to));
            return conversions;
        }
    }

    private static final class FakeSources implements StatsSourceStore {
        final Map<SiteId, RemoteSite> remote = new HashMap<>();
        final Map<SiteId, StatsSourceError> errors = new HashMap<>();
        final Set<SiteId> cleared = new HashSet<>();

        @Override
        public Map<SiteId, RemoteSite> remoteSources(Set<SiteId> sites) {
            Map<SiteId, RemoteSite> found = new HashMap<>(remote);
            found.keySet().retainAll(sites);
            return found;
        }

        @Override
        public void recordErrors(Map<SiteId, StatsSourceError> recorded) {
            errors.putAll(recorded);
        }

        @Override
        public void clearErrors(Set<SiteId> sites) {
            cleared.addAll(sites);
        }

        @Override
        public int countFailing() {
            return errors.size();
        }
    }
}
