package io.plausiblewebhooks.adapter.persistence.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.EventStore.NewEvent;
import io.plausiblewebhooks.domain.SiteId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiEventStoreTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00.123456Z");

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final JdbiEventStore store = new JdbiEventStore(jdbi);

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void writesABatchWithEveryField() {
        SiteId site = SiteId.random();
        store.append(List.of(
                new NewEvent(site, NOW, "Purchase", "/checkout", "Google", -42L, Map.of("plan", "pro", "seats", 3),
                        new BigDecimal("12.50"), "EUR"),
                EventRows.pageview(site, NOW, 7, "/", null)));

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT name, pathname, source, visitor_id, props::text AS props, revenue_amount, revenue_currency,"
                        + " timestamp = CAST(:at AS timestamp) AS same_time FROM events ORDER BY name")
                .bind("at", SqlArrays.timestamp(NOW)).mapToMap().list());

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("name", "Purchase").containsEntry("pathname", "/checkout")
                .containsEntry("source", "Google").containsEntry("visitor_id", -42L)
                .containsEntry("revenue_currency", "EUR").containsEntry("same_time", true);
        assertThat((String) rows.get(0).get("props")).contains("\"plan\": \"pro\"").contains("\"seats\": 3");
        assertThat((BigDecimal) rows.get(0).get("revenue_amount")).isEqualByComparingTo("12.50");
        assertThat(rows.get(1)).containsEntry("source", null).containsEntry("props", null);
    }

    @Test
    void deletesOldEventsInBoundedBatches() {
        SiteId site = SiteId.random();
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(EventRows.pageview(site, NOW.minusSeconds(3600 * 49), i, "/", null));
        }
        batch.add(EventRows.pageview(site, NOW, 99, "/", null));
        store.append(batch);

        assertThat(store.deleteOlderThan(NOW.minusSeconds(3600 * 48), 10)).isEqualTo(10);
        assertThat(store.deleteOlderThan(NOW.minusSeconds(3600 * 48), 100)).isEqualTo(15);
        assertThat(count("events")).isEqualTo(1);
        assertThat(count("visitor_last_seen")).as("only the visitor seen since the cutoff is left").isEqualTo(1);
    }

    @Test
    void concurrentWritersOfOverlappingVisitorsKeepEachVisitorsLastSeenAtItsLatestEvent() throws Exception {
        SiteId site = SiteId.random();
        // Two instances' writers, batches of overlapping visitors in different orders.
        List<java.util.concurrent.Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            java.util.Random random = new java.util.Random(w);
            writers.add(() -> {
                for (int batch = 0; batch < 60; batch++) {
                    List<NewEvent> events = new ArrayList<>();
                    for (int i = 0; i < 80; i++) {
                        events.add(EventRows.pageview(site, NOW.plusMillis(random.nextInt(100_000)), random.nextInt(200), "/", null));
                    }
                    store.append(events);
                }
                return null;
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (java.util.concurrent.Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long mismatched = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM visitor_last_seen v FULL JOIN"
                        + " (SELECT site_id, visitor_id, max(timestamp) AS latest FROM events GROUP BY 1, 2) e"
                        + " ON e.site_id = v.site_id AND e.visitor_id = v.visitor_id"
                        + " WHERE v.last_seen IS DISTINCT FROM e.latest")
                .mapTo(Long.class).one());
        assertThat(count("visitor_last_seen")).isEqualTo(200);
        assertThat(mismatched).isZero();
    }

    @Test
    void everyInstanceGetsTheSameSaltForADayAndOldSaltsAreForgotten() {
        JdbiVisitorSaltStore one = new JdbiVisitorSaltStore(jdbi);
        JdbiVisitorSaltStore two = new JdbiVisitorSaltStore(jdbi);
        LocalDate today = LocalDate.of(2026, 2, 26);

        byte[] salt = one.saltFor(today);
        assertThat(two.saltFor(today)).isEqualTo(salt).hasSize(32);
        assertThat(one.saltFor(today.minusDays(2))).isNotEqualTo(salt);

        one.deleteBefore(today.minusDays(1));
        assertThat(count("visitor_salts")).isEqualTo(1);
    }

    private long count(String table) {
        Long count = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
        return count;
    }
}
