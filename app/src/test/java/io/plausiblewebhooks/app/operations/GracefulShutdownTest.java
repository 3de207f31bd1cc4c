package io.plausiblewebhooks.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a running instance (a separate JVM on the shared test PostgreSQL) while a slow receiver
 * holds requests in flight, more messages wait behind them and events keep arriving: the in-flight
 * sends finish and are recorded, the waiting messages' leases are given back, every accepted event is
 * stored, and the process exits 0 in time.
 */
class GracefulShutdownTest {
    private static final int MESSAGES = 20;
    private static final int IN_FLIGHT = 4;
    private static final Duration RECEIVER_DELAY = Duration.ofSeconds(5);

    private final Jdbi jdbi = TestDatabase.jdbi();

    @BeforeAll
    @AfterAll
    static void emptyTables() {
        // Rows another test class left (secrets sealed with another key) would stop the instance at start.
        TestDatabase.truncateAll();
    }

    @Test
    void sigtermFinishesInFlightSendsReleasesTheRestFlushesEventsAndExitsZero() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.respond(request -> {
                sleep(RECEIVER_DELAY);
                return Reply.status(204);
            });
            String domain = "shutdown-" + UUID.randomUUID() + ".example.com";
            SiteId site = EventRows.site(jdbi, domain);
            UUID webhook = UUID.randomUUID();
            jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled)"
                    + " VALUES (?, ?, 'slow', ?, 'secret-0123456789abcdef', true)", webhook, site.value(), receiver.url("/slow")));
            JdbiMessageQueue queue = new JdbiMessageQueue(jdbi, new ObjectMapper());
            List<UUID> messages = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                MessageId id = MessageId.random();
                queue.enqueue(new QueuedMessage(id, new WebhookId(webhook), null, "visitor_spike",
                        Map.of("id", id.external(), "type", "visitor_spike"), Instant.now()));
                messages.add(id.value());
            }

            try (AppProcess app = AppProcess.start("shutdown-node", TestDatabase.jdbcUrl(), TestDatabase.user(),
                    TestDatabase.password(), config())) {
                EventStream events = new EventStream(app.port, domain);
                // Requests held by the receiver; more claimed by this instance behind them, waiting for a slot
                // (once the webhook is at its cap the workers stop claiming its messages, so not necessarily all).
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.count() >= IN_FLIGHT
                        && leasedTo("shutdown-node", messages) > IN_FLIGHT && events.accepted.get() >= 20);
                long leasedAtStop = leasedTo("shutdown-node", messages);
                int sentAtStop = receiver.count();
                long inFlightAtStop = sentAtStop - count("SELECT count(*) FROM webhook_messages WHERE id = ANY(:ids)"
                        + " AND status = 'delivered'", messages);
                long stopAt = System.nanoTime();
                app.terminate();
                boolean exited = app.process().waitFor(40, TimeUnit.SECONDS);
                long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
                events.stop();

                assertThat(exited).as("exited within 40 s of SIGTERM").isTrue();
                assertThat(app.process().exitValue()).as("exit status after SIGTERM; log in " + app.log).isZero();
                System.out.printf("RELIABILITY graceful shutdown: exit %d after %d ms; at SIGTERM %d requests in flight,"
                                + " %d messages leased by the instance; %d events accepted%n",
                        app.process().exitValue(), stopMillis, inFlightAtStop, leasedAtStop, events.accepted.get());

                System.out.println("RELIABILITY graceful shutdown: messages by state afterwards: " + jdbi.withHandle(h -> h.createQuery(
                        "SELECT status || ' owner=' || coalesce(lease_owner, 'NULL') || ' attempts=' || attempts || ' x' || count(*)"
                                + " FROM webhook_messages WHERE id = ANY(:ids) GROUP BY status, lease_owner, attempts")
                        .bind("ids", messages.toArray(UUID[]::new)).mapTo(String.class).list()));
                assertThat(inFlightAtStop).as("requests were in flight when SIGTERM came").isPositive();
                // In flight at SIGTERM: answered (after the receiver's delay) and recorded; nothing new sent.
                assertThat(receiver.count()).as("nothing new sent after SIGTERM").isEqualTo(sentAtStop);
                assertThat(count("SELECT count(*) FROM webhook_messages WHERE id = ANY(:ids) AND status = 'delivered'", messages))
                        .isEqualTo(sentAtStop);
                assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = :webhook AND status_code = 204", webhook))
                        .isEqualTo(sentAtStop);
                // The rest: still queued, due, nobody's lease, no attempt used; none lost.
                assertThat(count("SELECT count(*) FROM webhook_messages WHERE id = ANY(:ids) AND status = 'pending'"
                        + " AND lease_owner IS NULL AND lease_expires_at IS NULL AND attempts = 0", messages))
                        .isEqualTo(MESSAGES - sentAtStop).isPositive();
                // Every event answered 202 is stored, including those still buffered when SIGTERM came.
                assertThat(count("SELECT count(*) FROM events WHERE site_id = :site", site.value()))
                        .isEqualTo(events.accepted.get());
                assertThat(app.logText()).contains("Event writer stopped");
            }
        }
    }

    private static List<String> config() {
        List<String> lines = new ArrayList<>(AppProcess.deliveryTo(
                "maxInFlightPerWebhook: " + IN_FLIGHT,
                "leaseDuration: 5m", // far beyond the test: a NULL owner afterwards means released, not expired
                "pollInterval: 100ms"));
        lines.addAll(List.of(
                "triggers:",
                "  checkInterval: 1h",
                "  pluginsDirectory: ./target/no-plugins",
                "  eventFlushInterval: 1s"));
        return lines;
    }

    private long leasedTo(String owner, List<UUID> ids) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages WHERE id = ANY(:ids) AND lease_owner = :owner")
                .bind("ids", ids.toArray(UUID[]::new)).bind("owner", owner).mapTo(Long.class).one());
    }

    private long count(String sql, Object value) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            if (value instanceof List<?> list) {
                query.bind("ids", list.toArray(UUID[]::new));
            } else if (sql.contains(":webhook")) {
                query.bind("webhook", value);
            } else {
                query.bind("site", value);
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts pageviews one after another until stopped or the service stops answering; counts the 202s. */
    private static final class EventStream {
        final AtomicInteger accepted = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CompletableFuture<Void> done;

        EventStream(int port, String domain) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI uri = URI.create("http://localhost:" + port + "/api/event");
            done = CompletableFuture.runAsync(() -> {
                int visitor = 0;
                while (running.get()) {
                    String body = "{\"name\":\"pageview\",\"url\":\"https://" + domain + "/p" + visitor + "\",\"domain\":\""
                            + domain + "\"}";
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                                .header("X-Forwarded-For", "203.0.113." + (visitor++ % 250))
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 202) {
                            accepted.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return; // the service stopped listening
                    }
                }
            });
        }

        void stop() throws Exception {
            running.set(false);
            done.get(10, TimeUnit.SECONDS);
        }
    }
}
