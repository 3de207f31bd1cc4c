package io.plausiblewebhooks.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Received;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fault 1: the service is killed with SIGKILL while it delivers 10,000 queued messages, then started
 * again. Every message ends delivered (none lost); a message that arrives twice carries the same
 * webhook-id and the same body both times. Prints messages, delivered, duplicates, lost and the
 * recovery time (restart until all are delivered).
 */
class CrashRecoveryTest {
    private static final int MESSAGES = 10_000;
    private static final int WEBHOOKS = 10;
    /** The kill comes once this many requests reached the receiver: a meaningful part, not all. */
    private static final int KILL_AFTER = MESSAGES / 4;

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @Test
    void noMessageIsLostWhenTheProcessIsKilledDuringDelivery() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            SiteId site = EventRows.site(jdbi, "crash-" + UUID.randomUUID() + ".example.com");
            UUID[] webhooks = new UUID[WEBHOOKS];
            for (int i = 0; i < WEBHOOKS; i++) {
                webhooks[i] = UUID.randomUUID();
                UUID id = webhooks[i];
                jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled)"
                        + " VALUES (?, ?, 'hook', ?, 'secret-0123456789abcdef', true)", id, site.value(), receiver.url("/crash")));
            }
            Set<String> messages = enqueue(webhooks);
            Path config = config();

            Process first = start(config);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.count() >= KILL_AFTER);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no release of leases
                first.waitFor();
            }
            int receivedAtKill = receiver.count();
            long deliveredAtKill = delivered(webhooks);
            assertThat(deliveredAtKill).as("the kill came while messages were still queued").isLessThan(MESSAGES);

            long restarted = System.nanoTime();
            Process second = start(config);
            long firstAfterRestartMillis;
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.count() > receivedAtKill);
                firstAfterRestartMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> delivered(webhooks) == MESSAGES);
            } finally {
                second.destroy();
                second.waitFor();
            }
            long recoveryMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();

            List<Received> received = receiver.received("/crash");
            Map<String, String> bodyById = new HashMap<>();
            Set<String> distinct = new HashSet<>();
            for (Received request : received) {
                String webhookId = request.header("webhook-id");
                assertThat(messages).as("only queued messages arrive").contains(webhookId);
                assertThat(json.readTree(request.body()).get("id").asText()).as("body id = webhook-id").isEqualTo(webhookId);
                String earlier = bodyById.putIfAbsent(webhookId, request.body());
                assertThat(earlier == null ? request.body() : earlier).as("a duplicate is the same message")
                        .isEqualTo(request.body());
                distinct.add(webhookId);
            }
            Set<String> lost = new HashSet<>(messages);
            lost.removeAll(distinct);
            int duplicates = received.size() - distinct.size();
            System.out.printf("RELIABILITY sigkill: messages %d, received before the kill %d (recorded %d),"
                            + " delivered %d, duplicates %d, lost %d, recovery %d ms (restart until all delivered; first request after restart at %d ms)%n",
                    MESSAGES, receivedAtKill, deliveredAtKill, distinct.size(), duplicates, lost.size(), recoveryMillis,
                    firstAfterRestartMillis);
            assertThat(lost).as("lost messages").isEmpty();
            assertThat(successfulAttemptsRecorded(webhooks)).as("each message has its successful attempt in the log")
                    .isEqualTo(MESSAGES);
        }
    }

    /** The whole queue in one statement; answers the messages' webhook-ids. */
    private Set<String> enqueue(UUID[] webhooks) {
        return jdbi.withHandle(h -> {
            h.createUpdate("INSERT INTO webhook_messages (id, webhook_id, event_type, payload, status, attempts,"
                            + " next_attempt_at, inserted_at, updated_at)"
                            + " SELECT m.id, (:hooks)[1 + m.n % :count], 'visitor_spike',"
                            + " json_build_object('id', 'msg_' || replace(m.id::text, '-', ''), 'type', 'visitor_spike',"
                            + " 'data', json_build_object('n', m.n))::text, 'pending', 0,"
                            + " now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'"
                            + " FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, :messages) n) m")
                    .bind("hooks", webhooks).bind("count", webhooks.length).bind("messages", MESSAGES).execute();
            return new HashSet<>(h.createQuery("SELECT id FROM webhook_messages WHERE webhook_id = ANY(:hooks)")
                    .bind("hooks", webhooks).mapTo(UUID.class).map(id -> new MessageId(id).external()).list());
        });
    }

    private long delivered(UUID[] webhooks) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages WHERE status = 'delivered'"
                + " AND webhook_id = ANY(:hooks)").bind("hooks", webhooks).mapTo(Long.class).one());
    }

    private long successfulAttemptsRecorded(UUID[] webhooks) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(DISTINCT message_id) FROM webhook_deliveries"
                + " WHERE success AND webhook_id = ANY(:hooks)").bind("hooks", webhooks).mapTo(Long.class).one());
    }

    private static Path config() throws Exception {
        Path file = Files.createTempFile("crash-recovery", ".yml");
        Files.writeString(file, String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, port: 0}]",
                "  adminConnectors: [{type: http, port: 0}]",
                "database:",
                "  embedded: false",
                "  url: " + TestDatabase.jdbcUrl(),
                "  user: " + TestDatabase.user(),
                "  password: \"" + TestDatabase.password() + "\"",
                "triggers:",
                "  checkInterval: 1h",
                "  pluginsDirectory: ./target/no-plugins",
                "delivery:",
                "  retrySchedule: [0s, 1s, 1s, 1s]",
                "  allowedNetworks: [127.0.0.0/8]",
                "  trustedCertificates: " + TestReceiver.trustedCertificatePem(),
                // Short leases so that the dead instance's messages come back soon; few messages held at
                // once so that a live instance sends what it holds well within its lease.
                "  leaseDuration: 5s",
                "  batchSize: 100",
                "  maxOutstanding: 400",
                "  pollInterval: 100ms",
                "auth:",
                "  secretEncryptionKey: MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "logging:",
                "  level: WARN",
                ""));
        file.toFile().deleteOnExit();
        return file;
    }

    private static Process start(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: the child starts in a third of the time on a busy machine.
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/crash-recovery-child.log")))
                .start();
    }
}
