package io.plausiblewebhooks.bench;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * Sustained ingestion through {@code POST /api/event} over loopback with keep-alive connections, against
 * the shipped jar started with {@code -Xmx512m} on the embedded PostgreSQL. The same load generator then
 * hits a trivial endpoint of the same server ({@code GET /ping} on the admin connector) for a baseline.
 * Prints events/s, p50/p99 latency, the ratio to the baseline, and checks that every accepted event was
 * written.
 *
 * <p>Run as described in BENCHMARKS.md, from the repository root (it starts
 * {@code app/target/plausible-webhooks.jar}). Arguments: seconds to measure (default 20), requests in
 * flight (default 64).
 */
public final class IngestionBenchmark {
    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path jar = Path.of(System.getProperty("app.jar", "app/target/plausible-webhooks.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the app first: " + jar.toAbsolutePath() + " is missing");
        }
        TestDatabase.truncateAll();
        UUID account = UUID.randomUUID();
        TestDatabase.jdbi().useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES (?, 'bench')", account);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'bench.example.com')", UUID.randomUUID(), account);
        });
        int port = freePort();
        int adminPort = freePort();
        Path config = Files.createTempFile("ingestion-bench", ".yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, port: " + port + "}]",
                "  adminConnectors: [{type: http, port: " + adminPort + "}]",
                "  requestLog: {appenders: []}",
                "database:",
                "  embedded: false",
                "  url: " + TestDatabase.jdbcUrl(),
                "  user: " + TestDatabase.user(),
                "  password: \"" + TestDatabase.password() + "\"",
                "auth: {secretEncryptionKey: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}",
                "triggers: {checkInterval: 60s}",
                "logging: {level: WARN}",
                ""));
        Path appLog = Files.createTempFile("ingestion-bench-app", ".log");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseParallelGC"));
        // e.g. -Dbench.appJvmArgs=-XX:StartFlightRecording=filename=ingest.jfr to profile the server
        String extra = System.getProperty("bench.appJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
        try {
            awaitUp(adminPort, appLog);
            try (CloseableHttpAsyncClient client = client(inFlight)) {
                client.start();
                URI events = URI.create("http://127.0.0.1:" + port + "/api/event");
                URI ping = URI.create("http://127.0.0.1:" + adminPort + "/ping");
                System.out.printf("Warming up (5 s)…%n");
                load(client, events, true, 5, inFlight);
                load(client, ping, false, 3, inFlight);
                System.out.printf("Measuring %d s each, %d requests in flight, keep-alive, loopback%n", seconds, inFlight);
                Figures ingest = load(client, events, true, seconds, inFlight);
                Figures baseline = load(client, ping, false, seconds, inFlight);
                System.out.printf("POST /api/event : %,9.0f req/s  p50 %5.2f ms  p99 %6.2f ms  errors %d%n",
                        ingest.perSecond(), ingest.p50(), ingest.p99(), ingest.errors);
                System.out.printf("GET  /ping      : %,9.0f req/s  p50 %5.2f ms  p99 %6.2f ms  errors %d%n",
                        baseline.perSecond(), baseline.p50(), baseline.p99(), baseline.errors);
                System.out.printf("Ratio events/ping: %.2f%n", ingest.perSecond() / baseline.perSecond());
            }
            long sent = totalSent.get();
            long stored = awaitStored(sent);
            System.out.printf("Events accepted: %,d; written to PostgreSQL: %,d%n", sent, stored);
            System.out.printf("App heap: -Xmx512m; %s%n", heapInfo(app.pid()));
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static final AtomicLong totalSent = new AtomicLong();

    private record Figures(long requests, long errors, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length))] / 1e6;
        }
    }

    private static Figures load(CloseableHttpAsyncClient client, URI uri, boolean event, int seconds, int inFlight)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int capacity = 4_000_000;
        long[] latencies = new long[capacity];
        AtomicLong recorded = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            n++;
            SimpleHttpRequest request;
            if (event) {
                // A new visitor every request: distinct addresses, one site, a few pages and sources.
                String body = "{\"name\":\"pageview\",\"url\":\"https://bench.example.com/page-" + (n % 50)
                        + "\",\"referrer\":\"https://www.google.com/\"}";
                request = SimpleRequestBuilder.post(uri)
                        .setHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) bench/" + (n % 7))
                        .setHeader("X-Forwarded-For", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255))
                        .setBody(body, ContentType.APPLICATION_JSON)
                        .build();
            } else {
                request = SimpleRequestBuilder.get(uri).build();
            }
            long sentAt = System.nanoTime();
            client.execute(request, new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    long index = recorded.getAndIncrement();
                    if (index < capacity) {
                        latencies[(int) index] = System.nanoTime() - sentAt;
                    }
                    int expected = event ? 202 : 200;
                    if (response.getCode() != expected) {
                        errors.incrementAndGet();
                    } else if (event) {
                        totalSent.incrementAndGet();
                    }
                    done.incrementAndGet();
                    slots.release();
                }

                @Override
                public void failed(Exception ex) {
                    errors.incrementAndGet();
                    done.incrementAndGet();
                    slots.release();
                }

                @Override
                public void cancelled() {
                    failed(null);
                }
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        slots.release(inFlight);
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(capacity, recorded.get()));
        Arrays.sort(sorted);
        return new Figures(done.get(), errors.get(), elapsed, sorted);
    }

    private static CloseableHttpAsyncClient client(int inFlight) {
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(inFlight).setMaxConnPerRoute(inFlight).build();
        return HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .build();
    }

    private static long awaitStored(long expected) throws InterruptedException {
        long stored = 0;
        for (int i = 0; i < 100 && stored < expected; i++) {
            stored = TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one());
            if (stored < expected) {
                Thread.sleep(100);  // a bench program, not a test: polling the database for the last flush
            }
        }
        return stored;
    }

    private static String heapInfo(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.contains("total") || l.contains("used")).map(String::trim)
                    .reduce((a, b) -> a + " | " + b).orElse("(jcmd gave no heap figures)");
        } catch (IOException | InterruptedException e) {
            return "(jcmd unavailable: " + e.getMessage() + ")";
        }
    }

    private static void awaitUp(int adminPort, Path appLog) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ping = URI.create("http://127.0.0.1:" + adminPort + "/ping");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the app did not start; see " + appLog);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
