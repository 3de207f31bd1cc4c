package io.plausiblewebhooks.app.operations;

import static org.awaitility.Awaitility.await;

import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.File;
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

/**
 * The service as operators run it: a separate JVM ({@code server config.yml}) with an external
 * PostgreSQL ({@code database.embedded: false}), stopped with SIGTERM or killed with SIGKILL.
 */
final class AppProcess implements AutoCloseable {
    static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String nodeId;
    final int port;
    final int adminPort;
    final Path log;
    private final Process process;

    private AppProcess(String nodeId, int port, int adminPort, Path log, Process process) {
        this.nodeId = nodeId;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts an instance and waits until its admin port answers.
     *
     * @param extraConfig YAML lines appended to the base configuration (whole top-level sections)
     */
    static AppProcess start(String nodeId, String jdbcUrl, String user, String password, List<String> extraConfig)
            throws Exception {
        int port = freePort();
        int adminPort = freePort();
        List<String> lines = new ArrayList<>(List.of(
                "server:",
                "  applicationConnectors: [{type: http, port: " + port + "}]",
                "  adminConnectors: [{type: http, port: " + adminPort + "}]",
                "database:",
                "  embedded: false",
                "  url: " + jdbcUrl,
                "  user: " + user,
                "  password: \"" + password + "\"",
                "auth:",
                "  secretEncryptionKey: " + ENCRYPTION_KEY,
                "operations:",
                "  nodeId: " + nodeId,
                "logging:",
                "  level: INFO",
                "  loggers:",
                "    org.eclipse.jetty: WARN",
                "    liquibase: WARN"));
        lines.addAll(extraConfig);
        Path config = Files.createTempFile("app-process-" + nodeId, ".yml");
        Files.writeString(config, String.join("\n", lines) + "\n");
        config.toFile().deleteOnExit();
        Path log = Path.of("target", "app-process-" + nodeId + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        AppProcess app = new AppProcess(nodeId, port, adminPort, log, process);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the instance exited at start; see " + log.toAbsolutePath());
                }
                return app.adminGet("/ping") == 200;
            });
        } catch (RuntimeException e) {
            app.kill();
            throw e;
        }
        return app;
    }

    /** The delivery settings every test here uses: the local test receiver, trusted and allowed. */
    static List<String> deliveryTo(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "delivery:",
                "  allowedNetworks: [127.0.0.0/8]",
                "  trustedCertificates: " + TestReceiver.trustedCertificatePem()));
        for (String line : more) {
            lines.add("  " + line);
        }
        return lines;
    }

    int adminGet(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String adminText(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends SIGTERM (what {@code docker stop} and Kubernetes send). */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs, leases stay as they are. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keeps the child's log next to the test's reports. */
    static File logDirectory() {
        return new File("target");
    }
}
