package io.plausiblewebhooks.bench.ops;

import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Delivery rate of one instance, then of two instances side by side, on one external PostgreSQL (the
 * embedded test server, reached by JDBC URL as a production database would be) and one HTTPS receiver
 * that takes 20 ms per request.
 *
 * <p>The receiver is the bottleneck, not the CPU: each instance may have at most
 * {@code maxInFlightPerWebhook} requests in flight per webhook, so with {@code W} webhooks one instance
 * can never exceed {@code W × maxInFlightPerWebhook / 20 ms} deliveries per second, however idle the
 * machine (the default here: 4 × 2 / 0.02 s = 400/s, a small fraction of what one instance sends to a fast
 * receiver). A second instance brings its own in-flight slots, so the ceiling doubles. Each instance holds
 * a few claimed messages per webhook waiting for a slot ({@code batchSize 16}, {@code maxOutstanding 64}),
 * enough to keep its slots busy and far too few to take the whole queue and leave the other idle.
 *
 * <p>Instances are separate JVMs started from this class path ({@code server config.yml}); start-up is not
 * timed. Each round is preceded by a warm-up of 10 % of the messages. Run (see BENCHMARKS.md for the class
 * path): {@code java -cp "$CP" io.plausiblewebhooks.bench.ops.ScaleOutBenchmark [messages webhooks inFlightPerWebhook]}
 */
public final class ScaleOutBenchmark {
    private static final Duration RECEIVER_LATENCY = Duration.ofMillis(20);
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final int webhooks;
    private final int inFlight;
    private final List<UUID> webhookIds = new ArrayList<>();

    private ScaleOutBenchmark(int webhooks, int inFlight) {
        this.webhooks = webhooks;
        this.inFlight = inFlight;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        int webhooks = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        new ScaleOutBenchmark(webhooks, inFlight).run(messages);
        System.exit(0);
    }

    private void run(int messages) throws Exception {
        TestDatabase.truncateAll();
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.respond(request -> {
                try {
                    Thread.sleep(RECEIVER_LATENCY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.status(204);
            });
            UUID account = UUID.randomUUID();
            UUID site = UUID.randomUUID();
            jdbi.useHandle(h -> {
                h.execute("INSERT INTO accounts (id, name) VALUES (?, 'bench')", account);
                h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'scale-out.example.com')", site, account);
                for (int i = 0; i < webhooks; i++) {
                    UUID id = UUID.randomUUID();
                    h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled)"
                            + " VALUES (?, ?, 'bench', ?, 'secret-0123456789abcdef', true)", id, site, receiver.url("/in"));
                    webhookIds.add(id);
                }
            });
            double ceiling = webhooks * inFlight / (RECEIVER_LATENCY.toMillis() / 1000.0);
            System.out.printf("%,d messages, %d webhooks, maxInFlightPerWebhook %d, receiver latency %d ms:"
                    + " one instance is capped at %,.0f deliveries/s by its in-flight slots%n",
                    messages, webhooks, inFlight, RECEIVER_LATENCY.toMillis(), ceiling);

            double one = round("one instance", 1, messages);
            double two = round("two instances", 2, messages);
            System.out.printf("%nRESULT one instance %,.0f deliveries/s; two instances %,.0f deliveries/s; ratio %.2f"
                    + " (ceiling %,.0f and %,.0f/s)%n", one, two, two / one, ceiling, 2 * ceiling);
        }
        TestDatabase.truncateAll();
    }

    private double round(String label, int instances, int messages) throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                processes.add(start("bench-node-" + (char) ('a' + i)));
            }
            deliver(messages / 10); // warm-up
            double rate = deliver(messages);
            System.out.printf("%s: %,d messages in %.2f s = %,.0f deliveries/s%n", label, messages,
                    messages / rate, rate);
            return rate;
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Enqueues {@code messages} due now in one statement and returns deliveries per second until all are delivered. */
    private double deliver(int messages) throws InterruptedException {
        jdbi.useHandle(h -> h.execute("DELETE FROM webhook_deliveries"));
        jdbi.useHandle(h -> h.execute("DELETE FROM webhook_messages"));
        UUID[] targets = webhookIds.toArray(UUID[]::new);
        long started = System.nanoTime();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_messages (id, webhook_id, event_type, payload, next_attempt_at)
                        SELECT gen_random_uuid(), (:targets)[1 + g % cardinality(:targets)], 'visitor_spike',
                               '{"type":"visitor_spike"}', now()
                          FROM generate_series(1, :rows) AS g
                        """).bind("targets", targets).bind("rows", messages).execute());
        while (delivered() < messages) {
            Thread.sleep(50);
        }
        return messages / ((System.nanoTime() - started) / 1e9);
    }

    private long delivered() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages WHERE status = 'delivered'")
                .mapTo(Long.class).one());
    }

    private Process start(String node) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Path config = Files.createTempFile("scale-out-" + node, ".yml");
        config.toFile().deleteOnExit();
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, port: " + port + "}]",
                "  adminConnectors: [{type: http, port: " + adminPort + "}]",
                "database:",
                "  embedded: false",
                "  url: " + TestDatabase.jdbcUrl(),
                "  user: " + TestDatabase.user(),
                "  password: \"" + TestDatabase.password() + "\"",
                "auth:",
                "  secretEncryptionKey: " + KEY,
                "operations:",
                "  nodeId: " + node,
                "triggers:",
                "  checkInterval: 1h",
                "  pluginsDirectory: ./target/no-plugins",
                "delivery:",
                "  allowedNetworks: [127.0.0.0/8]",
                "  trustedCertificates: " + TestReceiver.trustedCertificatePem(),
                "  maxInFlightPerWebhook: " + inFlight,
                "  batchSize: 16",
                "  maxOutstanding: 64",
                "  pollInterval: 50ms",
                "logging:",
                "  level: WARN",
                ""));
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "scale-out-" + node + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(node + " exited at start; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(node + " did not start within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
