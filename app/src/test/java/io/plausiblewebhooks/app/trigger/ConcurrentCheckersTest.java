package io.plausiblewebhooks.app.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.persistence.events.JdbiEventStore;
import io.plausiblewebhooks.adapter.persistence.events.JdbiStatsQuery;
import io.plausiblewebhooks.adapter.persistence.trigger.JdbiTriggerFiringStore;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.EventStore.NewEvent;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.trigger.CheckWebhookTriggersService;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two checkers — as two instances would — run at the same time on one database, while conversions keep
 * arriving from several writers. Every spike fires exactly once, and every conversion is reported in
 * exactly one message.
 */
class ConcurrentCheckersTest {
    private static final int SITES = 20;
    private static final int ROUNDS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final Clock clock = Clock.systemUTC();
    private final List<SiteId> sites = new ArrayList<>();
    private final Map<UUID, UUID> goalTriggerBySite = new HashMap<>();

    @BeforeEach
    void setUp() {
        TestDatabase.truncateAll();
        Instant created = clock.instant().minusSeconds(3600);
        for (int i = 0; i < SITES; i++) {
            UUID account = UUID.randomUUID();
            UUID site = UUID.randomUUID();
            UUID webhook = UUID.randomUUID();
            UUID goal = UUID.randomUUID();
            UUID spike = UUID.randomUUID();
            UUID conversions = UUID.randomUUID();
            int n = i;
            jdbi.useHandle(h -> {
                h.execute("INSERT INTO accounts (id, name) VALUES (?, 'a')", account);
                h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, ?)", site, account, "site" + n + ".example.com");
                h.execute("INSERT INTO webhooks (id, site_id, name, url, secret) VALUES (?, ?, 'h', 'https://hooks.example.com/x', 'secret-0123456789abcdef')", webhook, site);
                h.execute("INSERT INTO goals (id, site_id, event_name, display_name) VALUES (?, ?, 'Signup', 'Signup')", goal, site);
                h.execute("INSERT INTO webhook_triggers (id, webhook_id, trigger_type, threshold, inserted_at) VALUES (?, ?, 'visitor_spike', 2, ?)",
                        spike, webhook, LocalDateTime.ofInstant(created, ZoneOffset.UTC));
                h.execute("INSERT INTO webhook_triggers (id, webhook_id, trigger_type, goal_id, inserted_at) VALUES (?, ?, 'goal_completion', ?, ?)",
                        conversions, webhook, goal, LocalDateTime.ofInstant(created, ZoneOffset.UTC));
            });
            sites.add(new SiteId(site));
            goalTriggerBySite.put(site, conversions);
        }
    }

    @Test
    void twoCheckersNeverFireATriggerTwiceForOneEpisodeNorCountAConversionTwice() throws Exception {
        JdbiEventStore events = new JdbiEventStore(jdbi);
        List<NewEvent> visits = new ArrayList<>();
        for (SiteId site : sites) {
            for (int v = 0; v < 3; v++) {
                visits.add(new NewEvent(site, clock.instant(), "pageview", "/", "Google", v, Map.of(), null, null));
            }
        }
        events.append(visits);

        TriggerTypeRegistry registry = TriggerTypeRegistry.load(getClass().getClassLoader(), null);
        CheckWebhookTriggersService first = checker(registry);
        CheckWebhookTriggersService second = checker(registry);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CyclicBarrier start = new CyclicBarrier(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        int[] written = new int[2];
        try {
            List<Future<?>> running = new ArrayList<>();
            for (CheckWebhookTriggersService checker : List.of(first, second)) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        checker.checkTriggers();
                    }
                    return null;
                }));
            }
            // Two writers keep adding conversions while the checkers run, in transactions that overlap.
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    JdbiEventStore store = new JdbiEventStore(jdbi);
                    while (writing.get()) {
                        List<NewEvent> batch = new ArrayList<>();
                        for (SiteId site : sites) {
                            batch.add(new NewEvent(site, clock.instant(), "Signup", "/", null, writer, Map.of(), null, null));
                        }
                        store.append(batch);
                        written[writer]++;
                    }
                    return null;
                }));
            }
            for (Future<?> checker : running) {
                checker.get();
            }
            writing.set(false);
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Once writing has stopped, one more check counts whatever was still in flight.
        first.checkTriggers();

        assertThat(messages("visitor_spike")).hasSize(SITES);
        long conversionsWritten = (long) (written[0] + written[1]);
        for (SiteId site : sites) {
            UUID trigger = goalTriggerBySite.get(site.value());
            long reported = messages("goal_completion").stream()
                    .filter(m -> m.at("/data/trigger/id").asText().equals(trigger.toString()))
                    .mapToLong(m -> m.at("/data/completions").asLong())
                    .sum();
            assertThat(reported).as("conversions reported for %s", site).isEqualTo(conversionsWritten);
        }
    }

    private CheckWebhookTriggersService checker(TriggerTypeRegistry registry) {
        return new CheckWebhookTriggersService(registry, new JdbiTriggerFiringStore(jdbi), new JdbiStatsQuery(jdbi), clock);
    }

    private List<JsonNode> messages(String type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM webhook_messages WHERE event_type = :type")
                        .bind("type", type).mapTo(String.class).list())
                .stream().map(ConcurrentCheckersTest::parse).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
