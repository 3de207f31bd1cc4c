package io.plausiblewebhooks.bench.ops;

import io.plausiblewebhooks.adapter.metrics.CachedQueueStatistics;
import io.plausiblewebhooks.adapter.metrics.MicrometerDeliveryMetrics;
import io.plausiblewebhooks.adapter.metrics.MicrometerIngestMetrics;
import io.plausiblewebhooks.adapter.metrics.MicrometerTriggerMetrics;
import io.plausiblewebhooks.adapter.metrics.PrometheusMetrics;
import io.plausiblewebhooks.adapter.metrics.QueueGauges;
import io.plausiblewebhooks.adapter.persistence.JdbiAccountRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiSiteRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiWebhookRepository;
import io.plausiblewebhooks.adapter.persistence.operations.JdbiQueueStatistics;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.QueueStatistics;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The cost of a Prometheus scrape of {@code /metrics} with a large delivery queue, on the embedded
 * PostgreSQL: 1,000,000 pending messages (all due), then the same after {@code VACUUM ANALYZE}. Prints the
 * time of the queue-statistics query alone, of a whole scrape (JVM and process figures, the service's
 * own metrics, the queue gauges read with no cache), and as the baseline a plain
 * {@code count(*)} over the pending messages, which the gauges avoid.
 *
 * <p>Run: {@code mvn -q -DskipTests package && mvn -q -pl bench exec:java
 * -Dexec.mainClass=io.plausiblewebhooks.bench.ops.MetricsScrapeBenchmark [-Dexec.args="1000000"]}
 */
public final class MetricsScrapeBenchmark {
    private static final int RUNS = 30;

    private MetricsScrapeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Jdbi jdbi = TestDatabase.jdbi();
        TestDatabase.truncateAll();
        Webhook webhook = aWebhook(jdbi);
        Instant now = Instant.now();
        System.out.printf("Queueing %,d pending messages…%n", messages);
        long started = System.nanoTime();
        for (int done = 0; done < messages; done += 200_000) {
            int rows = Math.min(200_000, messages - done);
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO webhook_messages (id, webhook_id, event_type, payload, next_attempt_at)
                            SELECT gen_random_uuid(), :webhookId, 'visitor_spike', '{"id":"msg"}',
                                   :now - (g * interval '1 millisecond')
                              FROM generate_series(1, :rows) AS g
                            """)
                    .bind("webhookId", webhook.id().value()).bind("now", now).bind("rows", rows).execute());
        }
        System.out.printf("  queued in %.1f s%n", (System.nanoTime() - started) / 1e9);

        JdbiQueueStatistics statistics = new JdbiQueueStatistics(jdbi);
        PrometheusMetrics metrics = new PrometheusMetrics();
        new MicrometerDeliveryMetrics(metrics.registry());
        new MicrometerTriggerMetrics(metrics.registry(), List.of("visitor_spike", "goal_completion", "traffic_drop"));
        new MicrometerIngestMetrics(metrics.registry());
        // No cache: every scrape reads PostgreSQL, the worst case.
        QueueGauges.register(metrics.registry(), new CachedQueueStatistics(statistics, Clock.systemUTC(), Duration.ZERO));

        measure("as queued (statistics not refreshed yet)", jdbi, statistics, metrics, now);
        jdbi.useHandle(h -> h.execute("VACUUM ANALYZE webhook_messages"));
        measure("after VACUUM ANALYZE", jdbi, statistics, metrics, now);
        metrics.close();
    }

    private static void measure(String label, Jdbi jdbi, JdbiQueueStatistics statistics, PrometheusMetrics metrics,
                                Instant now) {
        QueueStatistics.Snapshot snapshot = statistics.read(Instant.now());
        String scrape = metrics.scrape();
        System.out.printf("%n%s: depth shown %,d (%s), oldest due %d s; scrape is %,d bytes%n", label,
                snapshot.pending(), snapshot.estimated() ? "estimate" : "exact", snapshot.oldestDueAge().toSeconds(),
                scrape.length());
        report("queue statistics query", time(() -> statistics.read(Instant.now())));
        report("whole /metrics scrape", time(metrics::scrape));
        report("baseline: count(*) of pending", time(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM webhook_messages WHERE status = 'pending'").mapTo(Long.class).one())));
    }

    private static double[] time(Supplier<?> work) {
        for (int i = 0; i < 3; i++) {
            work.get(); // warm-up
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sortedMillis) {
        System.out.printf("  %-32s median %8.2f ms   p90 %8.2f ms   max %8.2f ms   (%d runs)%n", what,
                sortedMillis[sortedMillis.length / 2], sortedMillis[(int) (sortedMillis.length * 0.9)],
                sortedMillis[sortedMillis.length - 1], sortedMillis.length);
    }

    private static Webhook aWebhook(Jdbi jdbi) {
        Instant at = Instant.now();
        Account account = new Account(AccountId.random(), new Name("bench"), false, at);
        new JdbiAccountRepository(jdbi).insert(account);
        Site site = new Site(SiteId.random(), account.id(), new SiteDomain("bench.example.com"), ZoneOffset.UTC, at);
        new JdbiSiteRepository(jdbi).insert(site);
        Webhook webhook = Webhook.create(site.id(), new Name("bench"), new WebhookUrl("https://hooks.example.com/bench"),
                new Secret("0123456789abcdef-bench"), true, at);
        new JdbiWebhookRepository(jdbi).insert(webhook);
        return webhook;
    }
}
