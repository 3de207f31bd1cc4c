package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Received;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 3, through the whole service: webhooks and triggers created through the API, traffic in
 * through {@code POST /api/event}, the trigger check and the delivery engine on their schedules, real
 * local HTTPS receivers that misbehave, and the outcome read back from the delivery log API.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileReceiversEndToEndTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final int ATTEMPTS = 3; // hostile-receivers.yml: retrySchedule [0s, 300ms, 300ms]
    private static final Path DIRECTORY = temporaryDirectory();
    private static final TestCertificates CERTIFICATES = certificates();
    static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(ClockedApplication.class,
            ResourceHelpers.resourceFilePath("hostile-receivers.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("delivery.trustedCertificates", () -> trustedPem().toString()));

    private Http api;
    private String key;
    private String domain;
    private String site;

    @BeforeEach
    void aSiteOfItsOwn() {
        LogCapture.attach();
        api = new Http(APP::getLocalPort);
        key = api.newAccount();
        domain = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        site = api.post("/api/v1/sites", key, json("domain", domain)).expect(201).json().get("id").asText();
    }

    @AfterEach
    void removeIt() {
        api.send("DELETE", "/api/v1/sites/" + site, key, null).expect(204);
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    @Test
    void anAlwaysFailingReceiverEndsFailedAfterTheScheduleAndIsDisabledAfterTheFailureWindow() {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.respond(request -> Reply.status(500, "broken"));
            String webhook = webhookWithSpikeTrigger(receiver.url("/always-500"));

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(messageStatus(webhook)));
            List<JsonNode> attempts = deliveries(webhook);
            assertThat(attempts).extracting(d -> d.get("attempt").asInt()).containsExactly(1, 2, 3);
            assertThat(attempts).allSatisfy(d -> {
                assertThat(d.get("status_code").asInt()).isEqualTo(500);
                assertThat(d.get("success").asBoolean()).isFalse();
                assertThat(d.get("response_body").asText()).isEqualTo("broken");
                assertThat(d.get("message_id").asText()).isEqualTo(attempts.get(0).get("message_id").asText());
            });
            assertThat(receiver.count()).isEqualTo(ATTEMPTS);
            assertThat(webhookJson(webhook).get("enabled").asBoolean()).as("not yet 5 days failing").isTrue();

            // Five days later, the next failed attempt (a redelivery) ends the failure window.
            ClockedApplication.CLOCK.advance(Duration.ofDays(5).plusHours(1));
            api.post(webhookPath(webhook) + "/deliveries/" + attempts.get(2).get("id").asText() + "/redeliver", key, null)
                    .expect(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> !webhookJson(webhook).get("enabled").asBoolean());
            assertThat(webhookJson(webhook).get("disabled_reason").asText()).contains("5 days");
            assertThat(receiver.count()).isEqualTo(ATTEMPTS + 1);
        }
    }

    @Test
    void a429WithRetryAfterDelaysTheNextAttemptAtLeastThatLong() {
        try (TestReceiver receiver = new TestReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(request -> calls.incrementAndGet() == 1
                    ? Reply.status(429).withHeader("Retry-After", "2") : Reply.status(204));
            String webhook = webhookWithSpikeTrigger(receiver.url("/busy"));

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(messageStatus(webhook)));
            List<JsonNode> attempts = deliveries(webhook);
            assertThat(attempts).extracting(d -> d.get("status_code").asInt()).containsExactly(429, 204);
            List<Received> requests = receiver.received();
            // The schedule alone would retry after 300 ms.
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(Duration.between(Instant.parse(attempts.get(0).get("inserted_at").asText()),
                    Instant.parse(attempts.get(1).get("inserted_at").asText()))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsATimedOutAttemptAndIsRetried() {
        try (TestReceiver receiver = new TestReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(request -> calls.incrementAndGet() == 1 ? Reply.hanging() : Reply.status(204));
            String webhook = webhookWithSpikeTrigger(receiver.url("/silent"));

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(messageStatus(webhook)));
            List<JsonNode> attempts = deliveries(webhook);
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).get("status_code").isNull()).isTrue();
            assertThat(attempts.get(0).get("error_message").asText()).contains("timed out");
            assertThat(attempts.get(1).get("success").asBoolean()).isTrue();
        }
    }

    @Test
    void aConnectionResetIsAFailedAttemptEveryTimeUntilTheMessageFails() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            daemon(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        accepted.incrementAndGet();
                        socket.setSoLinger(true, 0); // close with RST instead of FIN
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String webhook = webhookWithSpikeTrigger("https://127.0.0.1:" + server.getLocalPort() + "/reset");

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(messageStatus(webhook)));
            List<JsonNode> attempts = deliveries(webhook);
            assertThat(attempts).hasSize(ATTEMPTS).allSatisfy(d -> {
                assertThat(d.get("status_code").isNull()).isTrue();
                assertThat(d.get("error_message").asText()).isNotBlank();
            });
            assertThat(accepted.get()).isGreaterThanOrEqualTo(ATTEMPTS);
        }
    }

    @Test
    void anUntrustedCertificateIsATlsErrorAndNothingIsSent() throws Exception {
        refusedForItsCertificate(CERTIFICATES.untrusted(), "unable to find valid certification path");
    }

    @Test
    void anExpiredCertificateIsATlsErrorAndNothingIsSent() throws Exception {
        // Its CA is trusted: only the dates are wrong.
        refusedForItsCertificate(CERTIFICATES.expired(), "validity check failed");
    }

    @Test
    void aCertificateForAnotherHostIsATlsErrorAndNothingIsSent() throws Exception {
        refusedForItsCertificate(CERTIFICATES.wrongHost(), "No subject alternative names matching IP address 127.0.0.1");
    }

    /** @param reason what the recorded error names (the JDK's words) */
    private void refusedForItsCertificate(SSLContext certificate, String reason) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String webhook = webhookWithSpikeTrigger("https://127.0.0.1:" + server.getAddress().getPort() + "/tls");

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(messageStatus(webhook)));
            assertThat(deliveries(webhook)).hasSize(ATTEMPTS).allSatisfy(d -> {
                assertThat(d.get("status_code").isNull()).isTrue();
                assertThat(d.get("error_message").asText()).startsWith("TLS error").contains(reason);
            });
            assertThat(requests.get()).as("requests that reached the receiver").isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFiftyMegabyteAnswerIsReadOnlyUpToTheCap() throws Exception {
        AtomicLong written = new AtomicLong();
        try (SSLServerSocket server = (SSLServerSocket) TestReceiver.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            daemon(() -> {
                try (Socket socket = server.accept()) {
                    readRequestHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + FIFTY_MB
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    while (written.get() < FIFTY_MB) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException hungUp) {
                    // the service hung up after its cap: what is measured
                }
            });
            String webhook = webhookWithSpikeTrigger("https://127.0.0.1:" + server.getLocalPort() + "/flood");

            visit();

            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(messageStatus(webhook)));
            JsonNode attempt = deliveries(webhook).get(0);
            assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
            assertThat(attempt.get("response_body").asText()).hasSize(16 * 1024);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isClosed() || written.get() > 0);
            System.out.printf("RELIABILITY 50 MB answer through the service: attempt took %d ms, kept %d bytes,"
                    + " the receiver got %d bytes out of %d before the service hung up%n",
                    attempt.get("duration_ms").asLong(), attempt.get("response_body").asText().length(), written.get(),
                    FIFTY_MB);
            // Socket buffers hold a few MB at most; reading the whole answer would let all 50 MB through.
            assertThat(written.get()).isLessThan(FIFTY_MB / 4);
        }
    }

    /** A webhook to {@code url} with a visitor_spike trigger at threshold 1, both created through the API. */
    private String webhookWithSpikeTrigger(String url) {
        JsonNode webhook = api.post("/api/v1/sites/" + site + "/webhooks", key, json("name", "hostile", "url", url))
                .expect(201).json();
        LogCapture.remember(webhook.get("secret").asText());
        String id = webhook.get("id").asText();
        api.post(webhookPath(id) + "/triggers", key, json("trigger_type", "visitor_spike", "threshold", 1)).expect(201);
        return id;
    }

    /** One visitor on the site: the next trigger check fires the spike trigger. */
    private void visit() {
        api.send("POST", "/api/event", null, "application/json",
                json("name", "pageview", "url", "https://" + domain + "/", "domain", domain),
                Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                        "X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 200)))).expect(202);
    }

    private String webhookPath(String webhook) {
        return "/api/v1/sites/" + site + "/webhooks/" + webhook;
    }

    private JsonNode webhookJson(String webhook) {
        return api.get(webhookPath(webhook), key).expect(200).json();
    }

    /** The delivery log through the API, oldest attempt first. */
    private List<JsonNode> deliveries(String webhook) {
        List<JsonNode> all = new ArrayList<>();
        api.get(webhookPath(webhook) + "/deliveries?limit=100", key).expect(200).json().get("data").forEach(all::add);
        all.sort(Comparator.comparing((JsonNode d) -> d.get("inserted_at").asText())
                .thenComparing(d -> d.get("attempt").asInt()));
        return all;
    }

    /** The state of the webhook's one message: pending, delivered or failed (null before it exists). */
    private static String messageStatus(String webhook) {
        return TestDatabase.jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM webhook_messages WHERE webhook_id = :id::uuid")
                .bind("id", webhook).mapTo(String.class).findOne().orElse(null));
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "hostile-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("hostile-certificates");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestCertificates certificates() {
        try {
            return new TestCertificates(DIRECTORY);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    /** The local receivers' certificate and the test CA: the expired and wrong-host leaves chain to a trusted CA. */
    private static Path trustedPem() {
        try {
            Path pem = DIRECTORY.resolve("trusted.pem");
            Files.writeString(pem, Files.readString(TestReceiver.trustedCertificatePem()) + "\n" + CERTIFICATES.caPem());
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
