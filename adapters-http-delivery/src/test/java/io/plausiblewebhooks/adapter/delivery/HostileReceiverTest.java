package io.plausiblewebhooks.adapter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers that misbehave on purpose: each send ends in a result (never an exception or a hang),
 * within the request timeout, and reads no more than it keeps.
 */
class HostileReceiverTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private final HostResolver resolver = host -> {
        if (host.equals("localhost") || host.equals("wrong-name.example")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host);
    };
    private final HttpWebhookSender sender = new HttpWebhookSender(
            new HttpWebhookSender.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 50, 50, 1, "1"),
            new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8")), resolver),
            TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        sender.close();
    }

    private SendResult send(String url) throws Exception {
        CompletableFuture<SendResult> result = sender.send(new OutgoingWebhook(new WebhookUrl(url), MessageId.random(),
                "{}", List.of(new Secret(SECRET)), NOW));
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedBeforeAnythingIsSent() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            SendResult result = send("https://wrong-name.example:" + receiver.port() + "/hook");

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).startsWith("TLS error");
            assertThat(receiver.count()).isZero();
        }
    }

    @Test
    void aConnectionResetIsAFailedAttempt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread resetter = start(() -> {
                try (Socket socket = server.accept()) {
                    socket.setSoLinger(true, 0); // close with RST instead of FIN
                } catch (IOException ignored) {
                    // the test ends
                }
            });

            SendResult result = send("https://127.0.0.1:" + server.getLocalPort() + "/hook");

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).isNotBlank();
            resetter.join(5_000);
        }
    }

    @Test
    void aFiftyMegabyteAnswerIsReadOnlyUpToTheCap() throws Exception {
        AtomicLong written = new AtomicLong();
        try (SSLServerSocket server = (SSLServerSocket) TestReceiver.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread flooder = start(() -> {
                try (Socket socket = server.accept()) {
                    readRequestHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: "
                            + FIFTY_MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    while (written.get() < FIFTY_MB) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    out.flush();
                } catch (IOException expected) {
                    // the sender hung up after its cap: exactly what is measured
                }
            });

            SendResult result = send("https://localhost:" + server.getLocalPort() + "/hook");
            flooder.join(30_000);

            assertThat(result.statusCode()).isEqualTo(500);
            assertThat(result.responseBody()).hasSize(16 * 1024);
            System.out.printf("RELIABILITY 50 MB answer: the receiver got %d bytes out before the sender hung up%n",
                    written.get());
            // Socket buffers hold a few MB at most; reading the whole answer would let all 50 MB through.
            assertThat(written.get()).isLessThan(FIFTY_MB / 4);
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body, "hostile-receiver");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
