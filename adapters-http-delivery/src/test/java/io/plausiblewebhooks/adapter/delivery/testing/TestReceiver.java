package io.plausiblewebhooks.adapter.delivery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS webhook receiver on 127.0.0.1 for tests, with the committed test certificate
 * (CN/SAN localhost, 127.0.0.1, ::1). The service trusts it through {@link #trustedCertificatePem()}.
 * Each request is recorded; the answer comes from a replaceable function, which may also hang.
 */
public final class TestReceiver implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path pemFile;

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final java.util.Set<InetSocketAddress> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<Received, Reply> responder = request -> Reply.status(204);

    /** A request as it arrived. Header names are lower case. */
    public record Received(String path, Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer; {@code hang} keeps the request open until the receiver closes. */
    public record Reply(int status, Map<String, String> headers, byte[] body, boolean hangs) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0], false);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
        }

        public static Reply hanging() {
            return new Reply(0, Map.of(), new byte[0], true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, hangs);
        }
    }

    public TestReceiver() {
        this(0);
    }

    /** A receiver on a given port of 127.0.0.1 (0: any free one), e.g. one that comes up late. */
    public TestReceiver(int port) {
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestReceiver respond(Function<Received, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many distinct client connections sent requests. */
    public int connections() {
        return clients.size();
    }

    public int count() {
        return count.get();
    }

    /** The receiver's certificate as a PEM file, for {@code delivery.trustedCertificates}. */
    public static synchronized Path trustedCertificatePem() {
        if (pemFile == null) {
            try (InputStream in = TestReceiver.class.getResourceAsStream("/tls/receiver.pem")) {
                Path file = Files.createTempFile("receiver", ".pem");
                Files.write(file, in.readAllBytes());
                file.toFile().deleteOnExit();
                pemFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pemFile;
    }

    /** The receiver's TLS server context, for other test servers (e.g. a faster one in benchmarks). */
    public static SSLContext serverContext() {
        try (InputStream in = TestReceiver.class.getResourceAsStream("/tls/receiver.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test certificate", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Received request = new Received(exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), Instant.now());
            clients.add(exchange.getRemoteAddress());
            received.add(request);
            count.incrementAndGet();
            Reply reply = responder.apply(request);
            if (reply.hangs()) {
                released.await();
                return;
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
