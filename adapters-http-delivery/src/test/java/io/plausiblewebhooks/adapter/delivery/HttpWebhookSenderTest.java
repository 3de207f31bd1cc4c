package io.plausiblewebhooks.adapter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.delivery.testing.IndependentVerifier;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpWebhookSenderTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");

    private final TestReceiver receiver = new TestReceiver();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HostResolver resolver = host -> {
        if (host.equals("localhost") || host.equals("rebound.example")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host);
    };
    private final HttpWebhookSender sender = sender(List.of("127.0.0.0/8"), Duration.ofSeconds(1));

    @AfterEach
    void close() {
        sender.close();
        receiver.close();
    }

    private HttpWebhookSender sender(List<String> allowed, Duration requestTimeout) {
        return new HttpWebhookSender(
                new HttpWebhookSender.Settings(Duration.ofSeconds(1), requestTimeout, 50, 50, 1, "1.2.3"),
                new SsrfGuard(AddressPolicy.parse(allowed), resolver),
                TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), clock);
    }

    private static OutgoingWebhook webhook(String url, String body, String... secrets) {
        return new OutgoingWebhook(new WebhookUrl(url), MessageId.random(), body,
                java.util.Arrays.stream(secrets).map(Secret::new).toList(), NOW);
    }

    private static SendResult await(CompletableFuture<SendResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void postsTheSignedBodyThatAnIndependentVerifierAccepts() throws Exception {
        receiver.respond(request -> Reply.status(200, "ok"));
        OutgoingWebhook webhook = webhook(receiver.url("/hook"), "{\"id\":\"x\",\"n\":1}", SECRET, "previous-secret-0123456789");

        SendResult result = await(sender.send(webhook));

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.responseBody()).isEqualTo("ok");
        assertThat(result.successful()).isTrue();
        TestReceiver.Received request = receiver.received().get(0);
        assertThat(request.body()).isEqualTo("{\"id\":\"x\",\"n\":1}");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("user-agent")).isEqualTo("plausible-webhooks/1.2.3");
        assertThat(request.header("webhook-id")).isEqualTo(webhook.messageId().external());
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(IndependentVerifier.verifies(SECRET, request)).isTrue();
        assertThat(IndependentVerifier.verifies("previous-secret-0123456789", request)).isTrue();
        assertThat(IndependentVerifier.verifiesPlausibleSignature(SECRET, request)).isTrue();
        assertThat(IndependentVerifier.verifies("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", request)).isFalse();
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        receiver.respond(request -> request.path().equals("/hook")
                ? Reply.status(302).withHeader("Location", receiver.url("/elsewhere"))
                : Reply.status(200));

        SendResult result = await(sender.send(webhook(receiver.url("/hook"), "{}", SECRET)));

        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.successful()).isFalse();
        assertThat(receiver.received("/elsewhere")).isEmpty();
    }

    @Test
    void keepsOnlyTheFirst16KibOfALargeResponseBody() throws Exception {
        String large = "a".repeat(100 * 1024);
        receiver.respond(request -> Reply.status(500, large));

        SendResult result = await(sender.send(webhook(receiver.url("/hook"), "{}", SECRET)));

        assertThat(result.statusCode()).isEqualTo(500);
        assertThat(result.responseBody()).hasSize(16 * 1024).isEqualTo(large.substring(0, 16 * 1024));
    }

    @Test
    void aHangingReceiverTimesOutWithoutDelayingAHealthyOne() throws Exception {
        try (TestReceiver healthy = new TestReceiver()) {
            receiver.respond(request -> Reply.hanging());
            CompletableFuture<SendResult> hanging = sender.send(webhook(receiver.url("/slow"), "{}", SECRET));

            SendResult quick = await(sender.send(webhook(healthy.url("/fast"), "{}", SECRET)));

            assertThat(quick.statusCode()).isEqualTo(204);
            assertThat(hanging).isNotDone();
            SendResult slow = await(hanging);
            assertThat(slow.statusCode()).isNull();
            assertThat(slow.error()).contains("timed out");
            assertThat(slow.durationMs()).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = await(sender.send(webhook("https://127.0.0.1:" + closedPort + "/hook", "{}", SECRET)));

        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        try (HttpWebhookSender jvmTrustOnly = new HttpWebhookSender(
                new HttpWebhookSender.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 5, 5, 1, "1"),
                new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8")), resolver),
                TrustMaterial.sslContext(null), clock)) {
            SendResult result = await(jvmTrustOnly.send(webhook(receiver.url("/hook"), "{}", SECRET)));

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).startsWith("TLS error");
            assertThat(receiver.count()).isZero();
        }
    }

    @Test
    void connectsOnlyToTheAddressTheGuardCheckedThroughTheResolver() throws Exception {
        // "localhost" resolves (through our resolver) to 127.0.0.1, allowed here: delivered.
        SendResult allowed = await(sender.send(webhook("https://localhost:" + receiver.port() + "/hook", "{}", SECRET)));
        assertThat(allowed.statusCode()).isEqualTo(204);

        // Without the allowance the same name is refused at connect time and nothing reaches the receiver.
        try (HttpWebhookSender strict = sender(List.of(), Duration.ofSeconds(1))) {
            SendResult refused = await(strict.send(webhook("https://rebound.example:" + receiver.port() + "/hook", "{}", SECRET)));
            assertThat(refused.statusCode()).isNull();
            assertThat(refused.error()).startsWith("destination refused").contains("127.0.0.1");
            SendResult literal = await(strict.send(webhook(receiver.url("/hook"), "{}", SECRET)));
            assertThat(literal.error()).startsWith("destination refused");
        }
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void readsRetryAfterInSecondsAndAsHttpDate() throws Exception {
        receiver.respond(request -> request.path().equals("/seconds")
                ? Reply.status(429).withHeader("Retry-After", "120")
                : Reply.status(503).withHeader("Retry-After", "Thu, 26 Feb 2026 10:30:00 GMT"));

        SendResult seconds = await(sender.send(webhook(receiver.url("/seconds"), "{}", SECRET)));
        SendResult date = await(sender.send(webhook(receiver.url("/date"), "{}", SECRET)));

        assertThat(seconds.statusCode()).isEqualTo(429);
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(date.statusCode()).isEqualTo(503);
        assertThat(date.retryAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void reusesKeepAliveConnections() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(await(sender.send(webhook(receiver.url("/hook"), "{}", SECRET))).statusCode()).isEqualTo(204);
        }
        // The answer can complete just before its connection returns to the pool, so a second
        // connection may open; without keep-alive there would be ten.
        assertThat(receiver.connections()).isLessThanOrEqualTo(2);
    }
}
