package io.plausiblewebhooks.application.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.application.port.out.EventStore;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.VisitorSaltStore;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.trigger.spi.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventIngestionServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00Z"));
    private final RecordingStore store = new RecordingStore();
    private final Site site = new Site(SiteId.random(), AccountId.random(), new SiteDomain("example.com"), java.time.ZoneOffset.UTC, clock.instant());
    private final CountingSites sites = new CountingSites(site);
    private final MemorySalts salts = new MemorySalts();
    private EventIngestionService service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void writesInBatchesOfAtMostBatchSize() {
        service = new EventIngestionService(store, sites, salts, clock, 10, Duration.ofSeconds(30), 1000);
        for (int i = 0; i < 25; i++) {
            service.recordEvent(pageview("https://example.com/" + i, "198.51.100." + i));
        }
        service.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> store.written() >= 20);
        assertThat(store.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(10));
        assertThat(store.batches.get(0)).hasSize(10);
    }

    @Test
    void aPartialBatchIsWrittenAfterTheMaximumDelay() {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofMillis(200), 1000);
        service.start();

        service.recordEvent(pageview("https://example.com/", "198.51.100.1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.written() == 1);
    }

    @Test
    void stoppingWritesWhatIsStillQueued() throws InterruptedException {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofHours(1), 1000);
        for (int i = 0; i < 5; i++) {
            service.recordEvent(pageview("https://example.com/", "198.51.100." + i));
        }
        service.start();

        service.stop();

        assertThat(store.written()).isEqualTo(5);
    }

    @Test
    void eventsForUnknownDomainsAreDroppedAndDomainsAreLookedUpOnceInAWhile() {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofHours(1), 1000);

        assertThat(service.recordEvent(pageview("https://unknown.test/", "198.51.100.1"))).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(service.recordEvent(pageview("https://example.com/", "198.51.100.1"))).isEqualTo(1);
        }
        service.flushRemaining();

        assertThat(store.written()).isEqualTo(100);
        assertThat(sites.lookups.get()).isEqualTo(2);
    }

    @Test
    void storesPathSourceAndAVisitorHashButNeitherIpNorUserAgent() {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofHours(1), 1000);
        service.recordEvent(new RecordEventCommand("pageview", "https://www.example.com/blog/post?utm_source=Newsletter", null,
                null, Map.of("plan", "pro"), null, "Mozilla/5.0 (X11)", "203.0.113.7"));
        service.recordEvent(new RecordEventCommand("pageview", "https://example.com/", null,
                "https://www.google.co.uk/search", null, null, "Mozilla/5.0 (X11)", "203.0.113.7"));
        service.recordEvent(new RecordEventCommand("pageview", "https://example.com/", null,
                "https://example.com/other", null, null, "Mozilla/5.0 (X11)", "203.0.113.7"));
        service.flushRemaining();

        List<EventStore.NewEvent> events = store.all();
        assertThat(events).extracting(EventStore.NewEvent::pathname).containsExactly("/blog/post", "/", "/");
        assertThat(events).extracting(EventStore.NewEvent::source).containsExactly("Newsletter", "Google", null);
        assertThat(events).extracting(EventStore.NewEvent::visitorId).containsOnly(events.get(0).visitorId());
        assertThat(events.get(0).toString()).doesNotContain("203.0.113.7").doesNotContain("X11");
    }

    @Test
    void theVisitorIdDependsOnAddressUserAgentSiteAndDay() {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofHours(1), 1000);
        Instant now = clock.instant();
        long id = service.visitorId(now, "example.com", "203.0.113.7", "UA");

        assertThat(service.visitorId(now, "example.com", "203.0.113.7", "UA")).isEqualTo(id);
        assertThat(service.visitorId(now, "example.com", "203.0.113.8", "UA")).isNotEqualTo(id);
        assertThat(service.visitorId(now, "example.com", "203.0.113.7", "UA2")).isNotEqualTo(id);
        assertThat(service.visitorId(now, "other.com", "203.0.113.7", "UA")).isNotEqualTo(id);
        assertThat(service.visitorId(now.plus(Duration.ofDays(1)), "example.com", "203.0.113.7", "UA")).isNotEqualTo(id);
    }

    @Test
    void pruningDeletesInBoundedBatchesAndForgetsOldSalts() {
        service = new EventIngestionService(store, sites, salts, clock, 1000, Duration.ofHours(1), 1000);
        store.olderThanCutoff = 25_000;

        assertThat(service.pruneOlderThan(Duration.ofHours(48))).isEqualTo(25_000);
        assertThat(store.deleteCalls).containsExactly(10_000, 10_000, 10_000);
        assertThat(store.lastCutoff).isEqualTo(clock.instant().minus(Duration.ofHours(48)));
        assertThat(salts.deletedBefore).isEqualTo(LocalDate.of(2026, 2, 25));
    }

    private static RecordEventCommand pageview(String url, String ip) {
        URI.create(url);
        return new RecordEventCommand("pageview", url, null, null, null, null, "Mozilla/5.0", ip);
    }

    private static final class RecordingStore implements EventStore {
        final List<List<NewEvent>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> deleteCalls = new ArrayList<>();
        int olderThanCutoff;
        Instant lastCutoff;

        int written() {
            synchronized (batches) {
                return batches.stream().mapToInt(List::size).sum();
            }
        }

        List<NewEvent> all() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }

        @Override
        public void append(List<NewEvent> events) {
            batches.add(List.copyOf(events));
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int limit) {
            lastCutoff = cutoff;
            deleteCalls.add(limit);
            int deleted = Math.min(limit, olderThanCutoff);
            olderThanCutoff -= deleted;
            return deleted;
        }
    }

    private static final class CountingSites implements SiteRepository {
        final Site site;
        final AtomicInteger lookups = new AtomicInteger();

        CountingSites(Site site) {
            this.site = site;
        }

        @Override
        public Optional<Site> findByDomain(SiteDomain domain) {
            lookups.incrementAndGet();
            return site.domain().equals(domain) ? Optional.of(site) : Optional.empty();
        }

        @Override
        public void insert(Site s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Site s, java.time.Instant sourceChangedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Site> listByAccount(AccountId owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Site> find(AccountId owner, SiteId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(AccountId owner, SiteId id) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class MemorySalts implements VisitorSaltStore {
        final Map<LocalDate, byte[]> salts = new HashMap<>();
        LocalDate deletedBefore;

        @Override
        public byte[] saltFor(LocalDate day) {
            return salts.computeIfAbsent(day, d -> d.toString().getBytes());
        }

        @Override
        public void deleteBefore(LocalDate day) {
            deletedBefore = day;
        }
    }

}
