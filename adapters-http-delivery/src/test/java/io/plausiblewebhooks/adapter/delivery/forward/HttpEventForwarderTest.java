package io.plausiblewebhooks.adapter.delivery.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Received;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;
import io.plausiblewebhooks.application.port.out.ForwardedEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder against a real local HTTPS upstream that is healthy, failing, hanging or not there yet. */
class HttpEventForwarderTest {
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private final CountingMetrics metrics = new CountingMetrics();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeLater) {
            closeable.close();
        }
    }

    @Test
    void forwardsTheBodyByteForByteWithUserAgentAndTheAppendedForwardedFor() {
        TestReceiver upstream = receiver(new TestReceiver()).respond(r -> Reply.status(202, "ok"));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 100, 4, 3);
        String body = "{\"n\":\"pageview\",\"u\":\"https://example.com/å?x=1\",\"d\":\"example.com\",\"r\":null,\"p\":\"{\\\"k\\\":\\\"v\\\"}\"}";

        forwarder.forward(new ForwardedEvent(body.getBytes(StandardCharsets.UTF_8), "text/plain",
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", ForwardedEvent.appendHop("203.0.113.7", "10.0.0.2")));

        await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.forwarded() == 1);
        Received received = upstream.received().get(0);
        assertThat(received.path()).isEqualTo("/api/event");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.2");
        assertThat(received.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.forwarded).hasValue(1);
        assertThat(forwarder.failed() + forwarder.dropped()).isZero();
    }

    @Test
    void theForwardedForHopIsThePeerAloneWhenTheClientSentNone() {
        assertThat(ForwardedEvent.appendHop(null, "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ForwardedEvent.appendHop(" ", "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ForwardedEvent.appendHop("198.51.100.1, 10.1.1.1", "192.0.2.1"))
                .isEqualTo("198.51.100.1, 10.1.1.1, 192.0.2.1");
    }

    @Test
    void eventsWaitOutAnUpstreamAnswering503AndThenAllArriveOnce() {
        AtomicBoolean down = new AtomicBoolean(true);
        TestReceiver upstream = receiver(new TestReceiver())
                .respond(r -> down.get() ? Reply.status(503) : Reply.status(202, "ok"));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 1000, 8, 20);

        List<String> bodies = sendEvents(forwarder, 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.count() >= 16);
        assertThat(forwarder.forwarded()).isZero();
        down.set(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> forwarder.forwarded() == 30);
        assertThat(upstream.received().stream().filter(r -> !r.body().isEmpty()).map(Received::body).distinct())
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(forwarder.failed()).isZero();
        assertThat(forwarder.dropped()).isZero();
    }

    @Test
    void aHangingUpstreamTimesOutAndIsRetriedUntilItAnswers() {
        AtomicInteger calls = new AtomicInteger();
        TestReceiver upstream = receiver(new TestReceiver())
                .respond(r -> calls.incrementAndGet() <= 2 ? Reply.hanging() : Reply.status(202, "ok"));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 10, 1, 5);

        List<String> bodies = sendEvents(forwarder, 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> forwarder.forwarded() == 1);
        assertThat(upstream.count()).isEqualTo(3);
        assertThat(upstream.received()).extracting(Received::body).containsOnly(bodies.get(0));
    }

    @Test
    void anUpstreamThatIsDownAtFirstGetsTheEventsOnceItListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpEventForwarder forwarder = forwarder("https://127.0.0.1:" + port + "/api/event", 100, 4, 30);
        List<String> bodies = sendEvents(forwarder, 5);
        // Connection refused for a while: the events stay buffered or wait for their retry.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> forwarder.failed() == 0);

        TestReceiver upstream = receiver(new TestReceiver(port)).respond(r -> Reply.status(202, "ok"));

        await().atMost(Duration.ofSeconds(15)).until(() -> forwarder.forwarded() == 5);
        assertThat(upstream.received()).extracting(Received::body).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void overflowIsDroppedAndCountedWithoutBlockingTheCaller() {
        AtomicBoolean hang = new AtomicBoolean(true);
        TestReceiver upstream = receiver(new TestReceiver())
                .respond(r -> hang.get() ? Reply.status(503) : Reply.status(202, "ok"));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 5, 1, 100);

        sendEvents(forwarder, 50); // returns although the upstream takes none of them

        // One event in flight (retrying), five buffered, the rest dropped.
        assertThat(forwarder.dropped()).isBetween(44L, 45L);
        assertThat(metrics.dropped.get()).isEqualTo(forwarder.dropped());
        hang.set(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> forwarder.forwarded() + forwarder.dropped() == 50);
        assertThat(forwarder.failed()).isZero();
    }

    @Test
    void aRefusalByTheUpstreamIsNotRetried() {
        TestReceiver upstream = receiver(new TestReceiver()).respond(r -> Reply.status(400, "bad"));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 10, 1, 5);

        sendEvents(forwarder, 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.failed() == 1);
        assertThat(upstream.count()).isEqualTo(1);
        assertThat(metrics.failed).hasValue(1);
    }

    @Test
    void anEventStillFailingAfterTheLastAttemptCountsAsFailed() {
        TestReceiver upstream = receiver(new TestReceiver()).respond(r -> Reply.status(502));
        HttpEventForwarder forwarder = forwarder(upstream.url("/api/event"), 10, 1, 3);

        sendEvents(forwarder, 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.failed() == 1);
        assertThat(upstream.count()).isEqualTo(3);
        assertThat(forwarder.forwarded()).isZero();
    }

    @Test
    void theRetryDelayDoublesUpToItsCap() {
        HttpEventForwarder forwarder = new HttpEventForwarder(new HttpEventForwarder.Settings(
                URI.create("https://127.0.0.1:1/api/event"), 1, 1, 10, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(1)), TrustMaterial.sslContext(null), ForwardMetrics.NONE);
        closeLater.add(forwarder);
        assertThat(forwarder.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(forwarder.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(forwarder.retryDelay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(forwarder.retryDelay(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(forwarder.retryDelay(9)).isEqualTo(Duration.ofSeconds(10));
    }

    private static List<String> sendEvents(HttpEventForwarder forwarder, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"name\":\"pageview\",\"url\":\"https://example.com/" + i + "\",\"domain\":\"example.com\"}";
            bodies.add(body);
            forwarder.forward(new ForwardedEvent(body.getBytes(StandardCharsets.UTF_8), "application/json",
                    "Mozilla/5.0", "198.51.100." + (i % 250)));
        }
        return bodies;
    }

    private TestReceiver receiver(TestReceiver receiver) {
        closeLater.add(0, receiver);
        return receiver;
    }

    private HttpEventForwarder forwarder(String upstream, int buffer, int inFlight, int attempts) {
        HttpEventForwarder forwarder = new HttpEventForwarder(new HttpEventForwarder.Settings(URI.create(upstream),
                buffer, inFlight, attempts, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofMillis(500)),
                TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), metrics);
        closeLater.add(0, forwarder);
        return forwarder;
    }

    private static final class CountingMetrics implements ForwardMetrics {
        final AtomicInteger forwarded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();

        @Override
        public void forwarded() {
            forwarded.incrementAndGet();
        }

        @Override
        public void failed() {
            failed.incrementAndGet();
        }

        @Override
        public void dropped() {
            dropped.incrementAndGet();
        }
    }
}
