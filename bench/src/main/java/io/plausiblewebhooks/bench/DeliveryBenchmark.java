package io.plausiblewebhooks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.delivery.AddressPolicy;
import io.plausiblewebhooks.adapter.delivery.HostResolver;
import io.plausiblewebhooks.adapter.delivery.HttpWebhookSender;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.persistence.delivery.EnqueueListener;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.application.service.delivery.AttemptJudge;
import io.plausiblewebhooks.application.service.delivery.DeliveryEngine;
import io.plausiblewebhooks.application.service.delivery.RetryPolicy;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * End-to-end delivery throughput (queued → claimed → signed → sent over HTTPS keep-alive →
 * recorded) against the raw rate of the same HTTP client without the database, the isolation run
 * with 10 % dead endpoints, and enqueue-to-first-attempt latency at 1,000 messages/s offered.
 *
 * <p>Run (heap capped at 512 MB):
 * {@code mvn -q -o -DskipTests package && mvn -q -o -pl bench exec:exec -Dexec.executable=java
 * -Dexec.args="-Xmx512m -cp %classpath io.plausiblewebhooks.bench.DeliveryBenchmark"}
 * Optional arguments: messages webhooks (default 100000 1000).
 *
 * <p>{@code isolation <rounds> [messages webhooks]} runs only the isolation comparison, alternating an
 * all-healthy and a 10 %-dead run {@code rounds} times and printing each pair's ratio and the median:
 * on a machine shared with other work, a slower or faster minute then hits both sides of a pair alike.
 */
public final class DeliveryBenchmark {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        // Quiet: the benchmark prints its own figures (logback comes with Dropwizard, DEBUG by default).
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (args.length > 0 && args[0].equals("isolation")) {
            int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
            int messages = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
            int webhooks = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
            new DeliveryBenchmark().isolationRounds(rounds, messages, webhooks);
            System.exit(0);
        }
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int webhooks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        new DeliveryBenchmark().run(messages, webhooks);
        System.exit(0);
    }

    private void run(int messages, int webhookCount) throws Exception {
        System.out.printf("cores=%d maxHeap=%dMB messages=%d webhooks=%d%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), messages, webhookCount);
        try (BenchReceiver receiver = new BenchReceiver(); BlackHoleReceiver blackHole = new BlackHoleReceiver();
             HttpWebhookSender sender = sender()) {
            // Warm-up: JIT, TLS sessions, connection pool.
            rawRate(sender, receiver, Math.min(20_000, messages));
            double raw = rawRate(sender, receiver, messages);
            System.out.printf("raw client rate (no database):        %,10.0f requests/s%n", raw);

            List<WebhookId> healthy = setUp(webhookCount, i -> receiver.url("/w/" + i));
            double endToEnd = endToEnd(sender, healthy, messages, messages);
            System.out.printf("end-to-end delivery rate:              %,10.0f deliveries/s  (ratio to raw %.2f)%n",
                    endToEnd, endToEnd / raw);

            int dead = webhookCount / 10;
            List<WebhookId> mixed = setUp(webhookCount, i -> i < dead ? blackHole.url("/dead/" + i) : receiver.url("/w/" + i));
            int healthyMessages = messages - messages / webhookCount * dead;
            double isolated = endToEnd(sender, mixed, messages, healthyMessages);
            System.out.printf("with 10%% dead endpoints, healthy rate: %,10.0f deliveries/s  (%.0f%% of the all-healthy rate)%n",
                    isolated, 100 * isolated / endToEnd);

            List<WebhookId> latencyHooks = setUp(webhookCount, i -> receiver.url("/w/" + i));
            latency(sender, receiver, latencyHooks, 1_000, 10);
        }
    }

    private void isolationRounds(int rounds, int messages, int webhookCount) throws Exception {
        System.out.printf("isolation rounds=%d cores=%d maxHeap=%dMB messages=%d webhooks=%d%n", rounds,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), messages,
                webhookCount);
        try (BenchReceiver receiver = new BenchReceiver(); BlackHoleReceiver blackHole = new BlackHoleReceiver();
             HttpWebhookSender sender = sender()) {
            rawRate(sender, receiver, Math.min(20_000, messages)); // warm-up
            int dead = webhookCount / 10;
            int healthyMessages = messages - messages / webhookCount * dead;
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double healthy = endToEnd(sender, setUp(webhookCount, i -> receiver.url("/w/" + i)), messages, messages);
                double isolated = endToEnd(sender, setUp(webhookCount,
                        i -> i < dead ? blackHole.url("/dead/" + i) : receiver.url("/w/" + i)), messages, healthyMessages);
                ratios[round] = isolated / healthy;
                System.out.printf("round %d: all healthy %,.0f/s, with 10%% dead %,.0f/s healthy: %.0f%%%n", round + 1,
                        healthy, isolated, 100 * ratios[round]);
            }
            java.util.Arrays.sort(ratios);
            System.out.printf("median healthy rate with 10%% dead endpoints: %.0f%% of the all-healthy rate%n",
                    100 * ratios[rounds / 2]);
        }
    }

    private HttpWebhookSender sender() {
        return new HttpWebhookSender(new HttpWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 2000, 500, 2,
                "bench"), new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8")), HostResolver.SYSTEM),
                TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), clock);
    }

    private DeliveryEngine engine(HttpWebhookSender sender) {
        RetryPolicy retries = new RetryPolicy(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)),
                Math::random);
        return new DeliveryEngine(new JdbiMessageQueue(jdbi, json), sender, new AttemptJudge(retries), clock,
                new DeliveryEngine.Settings("bench-" + UUID.randomUUID(), 2, 500, Duration.ofMinutes(5),
                        Duration.ofMillis(100), 8, 4000, Duration.ofSeconds(1)));
    }

    /** The same client posting the same bodies to the same receiver, 500 requests in flight, no database. */
    private double rawRate(HttpWebhookSender sender, BenchReceiver receiver, int requests) throws Exception {
        Semaphore window = new Semaphore(500);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            window.acquire();
            MessageId id = MessageId.random();
            sender.send(new OutgoingWebhook(new WebhookUrl(receiver.url("/w/" + (i % 1000))), id, body(id),
                    List.of(new Secret(SECRET)), clock.instant())).whenComplete((r, e) -> window.release());
        }
        window.acquire(500);
        return requests / seconds(start);
    }

    private interface UrlFor {
        String url(int index);
    }

    private List<WebhookId> setUp(int count, UrlFor urls) {
        TestDatabase.truncateAll();
        UUID account = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        List<WebhookId> ids = new ArrayList<>(count);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES (?, 'bench')", account);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'bench.example')", site, account);
            PreparedBatch batch = h.prepareBatch("INSERT INTO webhooks (id, site_id, name, url, secret, enabled)"
                    + " VALUES (?, ?, ?, ?, ?, true)");
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(new WebhookId(id));
                batch.add(id, site, "hook " + i, urls.url(i), SECRET);
            }
            batch.execute();
        });
        return ids;
    }

    private void enqueueAll(List<WebhookId> webhooks, int messages) {
        Instant due = clock.instant();
        jdbi.useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO webhook_messages (id, webhook_id, event_type, payload,"
                    + " next_attempt_at) VALUES (?, ?, 'visitor_spike', ?, ?)");
            for (int i = 0; i < messages; i++) {
                MessageId id = MessageId.random();
                batch.add(id.value(), webhooks.get(i % webhooks.size()).value(), body(id), due);
                if (batch.size() == 5_000) {
                    batch.execute();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            h.execute("ANALYZE webhook_messages");
        });
    }

    /** Delivers the pre-filled queue; the rate counts the deliveries to live receivers until the last of them is recorded. */
    private double endToEnd(HttpWebhookSender sender, List<WebhookId> webhooks, int messages, int expectedDelivered)
            throws Exception {
        enqueueAll(webhooks, messages);
        DeliveryEngine engine = engine(sender);
        long start = System.nanoTime();
        engine.start();
        long delivered = 0;
        while (delivered < expectedDelivered) {
            Thread.sleep(100);
            delivered = jdbi.withHandle(h -> h.select("SELECT count(*) FROM webhook_messages WHERE status = 'delivered'")
                    .mapTo(Long.class).one());
        }
        double rate = delivered / seconds(start);
        engine.stop();
        long rows = jdbi.withHandle(h -> h.select("SELECT count(*) FROM webhook_deliveries").mapTo(Long.class).one());
        System.out.printf("  (%,d delivered, %,d delivery-log rows, %.1f s)%n", delivered, rows, seconds(start));
        return rate;
    }

    /** Offers {@code perSecond} messages/s for {@code seconds} s, one insert each; times enqueue → first request. */
    private void latency(HttpWebhookSender sender, BenchReceiver receiver, List<WebhookId> webhooks, int perSecond,
                         int seconds) throws Exception {
        JdbiMessageQueue queue = new JdbiMessageQueue(jdbi, json);
        DeliveryEngine engine = engine(sender);
        engine.start();
        EnqueueListener listener = new EnqueueListener(jdbi, engine::wake); // as the service wires it
        listener.start();
        receiver.arrivals.clear();
        receiver.recordArrivals = true;
        Map<String, Long> enqueuedAt = new ConcurrentHashMap<>();
        int total = perSecond * seconds;
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            MessageId id = MessageId.random();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", id.external());
            payload.put("type", "visitor_spike");
            enqueuedAt.put(id.external(), System.nanoTime());
            queue.enqueue(new QueuedMessage(id, webhooks.get(i % webhooks.size()), null, "visitor_spike", payload,
                    clock.instant()));
        }
        double offered = total / seconds(start);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (firstArrivals(receiver).size() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        receiver.recordArrivals = false;
        listener.close();
        engine.stop();
        Map<String, Long> first = firstArrivals(receiver);
        long[] latencies = enqueuedAt.entrySet().stream().filter(e -> first.containsKey(e.getKey()))
                .mapToLong(e -> first.get(e.getKey()) - e.getValue()).sorted().toArray();
        System.out.printf("latency enqueue -> first attempt at %,.0f messages/s offered (%,d of %,d arrived):"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", offered, latencies.length, total,
                percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
    }

    private static Map<String, Long> firstArrivals(BenchReceiver receiver) {
        Map<String, Long> first = new HashMap<>();
        for (BenchReceiver.Arrival arrival : receiver.arrivals) {
            first.merge(arrival.webhookId(), arrival.nanoTime(), Math::min);
        }
        return first;
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String body(MessageId id) {
        return "{\"id\":\"" + id.external() + "\",\"type\":\"visitor_spike\",\"timestamp\":\"2026-02-26T10:00:00Z\","
                + "\"data\":{\"site\":{\"id\":\"5b1e4c2a-8f7d-4e0b-9a43-2d6c1f0e7a11\",\"domain\":\"example.com\"},"
                + "\"trigger\":{\"id\":\"0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f\",\"type\":\"visitor_spike\",\"threshold\":100},"
                + "\"current_visitors\":123,\"top_sources\":[{\"name\":\"Google\",\"visitors\":50}],"
                + "\"top_pages\":[{\"name\":\"/pricing\",\"visitors\":40}]}}";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
