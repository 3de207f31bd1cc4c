package io.plausiblewebhooks.adapter.persistence.events;

import static io.plausiblewebhooks.adapter.persistence.events.EventRows.event;
import static io.plausiblewebhooks.adapter.persistence.events.EventRows.pageview;
import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.EventStore;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.StatsQuery.ConversionCount;
import io.plausiblewebhooks.application.port.out.StatsQuery.ConversionQuery;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.application.port.out.StatsQuery.EventCountQuery;
import io.plausiblewebhooks.application.port.out.StatsQuery.GoalConversions;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The StatsQuery contract on the real adapter and PostgreSQL. */
class JdbiStatsQueryContractTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final JdbiEventStore events = new JdbiEventStore(jdbi);
    private final StatsQuery stats = new JdbiStatsQuery(jdbi);
    private SiteId site;
    private SiteId other;

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
        site = SiteId.random();
        other = SiteId.random();
    }

    @Test
    void visitorsAreDistinctPerSiteWithinTheWindowWithoutEngagement() {
        events.append(List.of(
                pageview(site, NOW.minusSeconds(60), 1, "/", null),
                pageview(site, NOW.minusSeconds(30), 1, "/a", null),
                pageview(site, NOW.minusSeconds(10), 2, "/", null),
                event(site, NOW.minusSeconds(10), 3, "engagement"),
                pageview(site, NOW.minus(Duration.ofMinutes(6)), 4, "/", null),
                pageview(other, NOW.minusSeconds(5), 5, "/", null)));

        Map<SiteId, Long> visitors = stats.visitors(Set.of(site, other, SiteId.random()), NOW.minus(Duration.ofMinutes(5)), NOW);

        assertThat(visitors).containsOnly(Map.entry(site, 2L), Map.entry(other, 1L));
    }

    @Test
    void visitorsSinceCountEachVisitorSeenInTheWindowOnceAcrossBatchesWithoutEngagement() {
        events.append(List.of(
                pageview(site, NOW.minus(Duration.ofHours(13)), 1, "/", null),
                pageview(site, NOW.minus(Duration.ofHours(11)), 1, "/", null),
                pageview(site, NOW.minus(Duration.ofHours(13)), 2, "/", null),
                event(site, NOW.minus(Duration.ofHours(1)), 2, "engagement"),
                pageview(site, NOW.minus(Duration.ofHours(2)), 3, "/", null),
                pageview(other, NOW.minus(Duration.ofHours(3)), 3, "/", null)));
        // A later batch sees visitor 1 again, and an older event arriving late does not move anyone back.
        events.append(List.of(
                pageview(site, NOW.minusSeconds(30), 1, "/b", null),
                pageview(site, NOW.minus(Duration.ofHours(20)), 3, "/late", null)));

        Map<SiteId, Long> twelveHours = stats.visitorsSince(Set.of(site, other, SiteId.random()), NOW.minus(Duration.ofHours(12)), NOW);
        Map<SiteId, Long> current = stats.currentVisitors(Set.of(site, other), NOW);

        assertThat(twelveHours).containsOnly(Map.entry(site, 2L), Map.entry(other, 1L));
        assertThat(current).containsOnly(Map.entry(site, 1L));
    }

    @Test
    void visitorsSinceAgreeWithCountingTheWindowsEvents() {
        List<EventStore.NewEvent> batch = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            SiteId where = random.nextBoolean() ? site : other;
            Instant at = NOW.minusSeconds(random.nextInt(24 * 3600));
            batch.add(random.nextInt(10) == 0 ? event(where, at, random.nextInt(300), "engagement")
                    : pageview(where, at, random.nextInt(300), "/", null));
            if (batch.size() == 100) {
                events.append(batch);
                batch.clear();
            }
        }

        for (Duration window : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(12), Duration.ofHours(30))) {
            assertThat(stats.visitorsSince(Set.of(site, other), NOW.minus(window), NOW))
                    .as("window %s", window)
                    .isEqualTo(stats.visitors(Set.of(site, other), NOW.minus(window), NOW));
        }
    }

    @Test
    void topSourcesAndPagesAreRankedPerSiteWithoutDirectTraffic() {
        events.append(List.of(
                pageview(site, NOW.minusSeconds(5), 1, "/pricing", "Google"),
                pageview(site, NOW.minusSeconds(5), 2, "/pricing", "Google"),
                pageview(site, NOW.minusSeconds(5), 2, "/pricing", "Google"),
                pageview(site, NOW.minusSeconds(5), 3, "/docs", "Twitter"),
                pageview(site, NOW.minusSeconds(5), 4, "/", null),
                pageview(site, NOW.minusSeconds(5), 5, "/blog", "Bing"),
                pageview(site, NOW.minusSeconds(5), 6, "/zzz", "Reddit"),
                pageview(other, NOW.minusSeconds(5), 7, "/other", "DuckDuckGo")));

        Map<SiteId, List<Count>> sources = stats.topSources(Set.of(site, other), NOW.minusSeconds(60), NOW, 3);
        Map<SiteId, List<Count>> pages = stats.topPages(Set.of(site), NOW.minusSeconds(60), NOW, 3);

        assertThat(sources.get(site)).containsExactly(new Count("Google", 2), new Count("Bing", 1), new Count("Reddit", 1));
        assertThat(sources.get(other)).containsExactly(new Count("DuckDuckGo", 1));
        assertThat(pages.get(site)).containsExactly(new Count("/pricing", 2), new Count("/", 1), new Count("/blog", 1));
        assertThat(pages).doesNotContainKey(other);
    }

    @Test
    void countsNamedEventsPerQueryWindow() {
        events.append(List.of(
                event(site, NOW.minusSeconds(30), 1, "Signup"),
                event(site, NOW.minusSeconds(90), 2, "Signup"),
                event(site, NOW.minusSeconds(30), 3, "Other"),
                event(other, NOW.minusSeconds(30), 4, "Signup")));
        UUID lastMinute = UUID.randomUUID();
        UUID lastTwoMinutes = UUID.randomUUID();
        UUID nothing = UUID.randomUUID();

        Map<UUID, Long> counts = stats.eventCounts(List.of(
                new EventCountQuery(lastMinute, site, "Signup", NOW.minusSeconds(60)),
                new EventCountQuery(lastTwoMinutes, site, "Signup", NOW.minusSeconds(120)),
                new EventCountQuery(nothing, site, "Purchase", NOW.minusSeconds(120))), NOW);

        assertThat(counts).containsOnly(Map.entry(lastMinute, 1L), Map.entry(lastTwoMinutes, 2L));
    }

    @Test
    void goalConversionsMatchEventNamesAndWildcardPages() {
        Goal signup = new Goal(GoalId.random(), site, "Signup", null, null);
        Goal blog = new Goal(GoalId.random(), site, null, "/blog/*", null);
        Goal docs = new Goal(GoalId.random(), site, null, "/docs/**", null);
        events.append(List.of(
                event(site, NOW.minusSeconds(30), 1, "Signup"),
                event(other, NOW.minusSeconds(30), 1, "Signup"),
                pageview(site, NOW.minusSeconds(20), 2, "/blog/hello", null),
                pageview(site, NOW.minusSeconds(20), 2, "/blog/hello/comments", null),
                pageview(site, NOW.minusSeconds(20), 2, "/docs/a/b", null),
                event(site, NOW.minusSeconds(20), 2, "/blog/x")));
        UUID k1 = UUID.randomUUID();
        UUID k2 = UUID.randomUUID();
        UUID k3 = UUID.randomUUID();

        GoalConversions answer = stats.goalConversions(List.of(
                new ConversionQuery(k1, site, signup, null, NOW.minusSeconds(3600)),
                new ConversionQuery(k2, site, blog, null, NOW.minusSeconds(3600)),
                new ConversionQuery(k3, site, docs, null, NOW.minusSeconds(3600))));

        assertThat(answer.counts().get(k1)).isEqualTo(new ConversionCount(1, NOW.minusSeconds(30), NOW.minusSeconds(30)));
        assertThat(answer.counts().get(k2).count()).isEqualTo(1);
        assertThat(answer.counts().get(k3).count()).isEqualTo(1);
    }

    @Test
    void withoutAWatermarkOnlyConversionsSinceNotBeforeCount() {
        Goal signup = new Goal(GoalId.random(), site, "Signup", null, null);
        events.append(List.of(event(site, NOW.minusSeconds(120), 1, "Signup"), event(site, NOW.minusSeconds(30), 2, "Signup")));
        UUID key = UUID.randomUUID();

        GoalConversions answer = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, null, NOW.minusSeconds(60))));

        assertThat(answer.counts().get(key).count()).isEqualTo(1);
    }

    @Test
    void consecutiveWatermarksCountEachConversionOnce() {
        Goal signup = new Goal(GoalId.random(), site, "Signup", null, null);
        UUID key = UUID.randomUUID();
        events.append(List.of(event(site, NOW, 1, "Signup"), event(site, NOW, 2, "Signup")));

        GoalConversions first = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, null, NOW.minusSeconds(60))));
        assertThat(first.counts().get(key).count()).isEqualTo(2);

        GoalConversions nothingNew = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, first.watermark(), NOW)));
        assertThat(nothingNew.counts().get(key).count()).isZero();

        events.append(List.of(event(site, NOW, 3, "Signup")));
        GoalConversions third = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, first.watermark(), NOW)));
        assertThat(third.counts().get(key).count()).isEqualTo(1);
    }

    @Test
    void aConversionCommittedLateIsCountedExactlyOnce() {
        Goal signup = new Goal(GoalId.random(), site, "Signup", null, null);
        UUID key = UUID.randomUUID();
        events.append(List.of(event(site, NOW, 1, "Signup")));
        GoalConversions before = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, null, NOW.minusSeconds(60))));
        assertThat(before.counts().get(key).count()).isEqualTo(1);
        long watermark = before.watermark();

        try (Handle slowWriter = jdbi.open()) {
            // A writer that started first but commits last: its event gets the smaller transaction id.
            slowWriter.begin();
            slowWriter.execute("INSERT INTO events (site_id, timestamp, name, pathname, visitor_id) VALUES (?, ?, 'Signup', '/', 2)",
                    site.value(), SqlArrays.utc(NOW));
            events.append(List.of(event(site, NOW, 3, "Signup")));

            // The committed event waits behind the uncommitted one: the watermark does not pass it.
            GoalConversions during = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, watermark, NOW)));
            assertThat(during.counts().get(key).count()).isZero();
            assertThat(during.watermark()).isLessThanOrEqualTo(slowWriterXid(slowWriter));

            slowWriter.commit();
        }

        GoalConversions after = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, watermark, NOW)));
        assertThat(after.counts().get(key).count()).isEqualTo(2);
        GoalConversions next = stats.goalConversions(List.of(new ConversionQuery(key, site, signup, after.watermark(), NOW)));
        assertThat(next.counts().get(key).count()).isZero();
    }

    private static long slowWriterXid(Handle handle) {
        return handle.createQuery("SELECT pg_current_xact_id()::text::bigint").mapTo(Long.class).one();
    }
}
