package io.plausiblewebhooks.bench.proxy;

import com.sun.net.httpserver.HttpServer;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The cost of the event-forwarding proxy: {@code POST /api/event} events/s of the shipped jar without
 * forwarding, then of the same jar with {@code ingest.forwardTo} pointing at a local upstream (a JDK
 * HTTP server answering 202), in the same run on the same machine. Prints both rates, their ratio (the
 * target is at least 0.80), and what the upstream received versus what the service accepted.
 *
 * <p>Run after {@code mvn -q -DskipTests package}: {@code mvn -q -o -pl bench exec:java
 * -Dexec.mainClass=io.plausiblewebhooks.bench.proxy.ProxyBenchmark -Dexec.args="20 64"} (seconds to
 * measure per run, requests in flight).
 */
public final class ProxyBenchmark {
    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path jar = Path.of(System.getProperty("app.jar", "app/target/plausible-webhooks.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the app first: " + jar.toAbsolutePath() + " is missing");
        }
        AtomicLong upstreamReceived = new AtomicLong();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        upstream.createContext("/api/event", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                upstreamReceived.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.start();
        try {
            System.out.printf("Measuring %d s per run after 5 s warm-up, %d requests in flight, keep-alive, loopback%n",
                    seconds, inFlight);
            Run off = run(jar, null, seconds, inFlight);
            Run on = run(jar, "http://127.0.0.1:" + upstream.getAddress().getPort() + "/api/event", seconds, inFlight);
            System.out.printf("forwarding off : %,9.0f events/s  errors %d%n", off.perSecond(), off.errors());
            System.out.printf("forwarding on  : %,9.0f events/s  errors %d%n", on.perSecond(), on.errors());
            System.out.printf("Ratio on/off   : %.2f (target >= 0.80)%n", on.perSecond() / off.perSecond());
            System.out.printf("Forwarding run: %,d events accepted; upstream received %,d; service counted %s%n",
                    on.accepted(), upstreamReceived.get(), on.forwardCounters());
        } finally {
            upstream.stop(0);
        }
        System.exit(0);
    }

    private record Run(long accepted, long errors, double seconds, String forwardCounters) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    /** Starts the jar (forwarding to {@code forwardTo} unless null), warms up, measures, stops it. */
    private static Run run(Path jar, String forwardTo, int seconds, int inFlight) throws Exception {
        TestDatabase.truncateAll();
        TestDatabase.jdbi().useHandle(h -> {
            UUID account = UUID.randomUUID();
            h.execute("INSERT INTO accounts (id, name) VALUES (?, 'bench')", account);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'bench.example.com')", UUID.randomUUID(), account);
        });
        int port = freePort();
        int adminPort = freePort();
        Path config = Files.createTempFile("proxy-bench", ".yml");
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
                "triggers: {checkInterval: 60s}",
                // A fixed key for this throw-away database: an external database requires one.
                "auth: {secretEncryptionKey: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}",
                "ingest:",
                "  forwardTo: \"" + (forwardTo == null ? "" : forwardTo) + "\"",
                "logging: {level: WARN}",
                ""));
        Files.createDirectories(Path.of("target"));
        Process app = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseParallelGC", "-jar", jar.toString(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "proxy-bench-app-" + (forwardTo == null ? "off" : "on") + ".log").toFile())
                .start();
        try {
            awaitUp(adminPort);
            try (CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(inFlight).setMaxConnPerRoute(inFlight).build())
                    .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                    .build()) {
                client.start();
                URI events = URI.create("http://127.0.0.1:" + port + "/api/event");
                long[] warmUp = load(client, events, 5, inFlight);
                long started = System.nanoTime();
                long[] measured = load(client, events, seconds, inFlight);
                double elapsed = (System.nanoTime() - started) / 1e9;
                String counters = forwardTo == null ? "-" : forwardCounters(adminPort, warmUp[0] + measured[0]);
                return new Run(measured[0], measured[1], elapsed, counters);
            }
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Accepted and failed requests of a closed-loop load with {@code inFlight} requests open. */
    private static long[] load(CloseableHttpAsyncClient client, URI uri, int seconds, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            n++;
            String body = "{\"name\":\"pageview\",\"url\":\"https://bench.example.com/page-" + (n % 50)
                    + "\",\"referrer\":\"https://www.google.com/\"}";
            SimpleHttpRequest request = SimpleRequestBuilder.post(uri)
                    .setHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) bench/" + (n % 7))
                    .setHeader("X-Forwarded-For", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255))
                    .setBody(body, ContentType.TEXT_PLAIN)
                    .build();
            client.execute(request, new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    (response.getCode() == 202 ? accepted : errors).incrementAndGet();
                    slots.release();
                }

                @Override
                public void failed(Exception ex) {
                    errors.incrementAndGet();
                    slots.release();
                }

                @Override
                public void cancelled() {
                    failed(null);
                }
            });
        }
        slots.acquire(inFlight);
        slots.release(inFlight);
        return new long[] {accepted.get(), errors.get()};
    }

    /** The service's forwarded/failed/dropped counters once the buffer has drained (or 30 s passed). */
    private static String forwardCounters(int adminPort, long accepted) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
        String lines = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            lines = String.join(" ", text.lines().filter(l -> l.startsWith("webhook_events_forwarded_total")).toList());
            double done = text.lines().filter(l -> l.startsWith("webhook_events_forwarded_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (done >= accepted) {
                break;
            }
            Thread.sleep(250); // a bench program, not a test: waiting for the buffer to drain
        }
        return lines;
    }

    private static void awaitUp(int adminPort) throws Exception {
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
        throw new IllegalStateException("the app did not start; see target/proxy-bench-app-*.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
