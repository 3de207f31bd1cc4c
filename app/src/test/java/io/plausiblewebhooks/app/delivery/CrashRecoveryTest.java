package io.plausiblewebhooks.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kills the service with SIGKILL while it delivers a queue, starts it again, and checks that every
 * message ends delivered: at least once, duplicates carrying the same webhook-id.
 */
class CrashRecoveryTest {
    private static final int MESSAGES = 400;

    private final Jdbi jdbi = TestDatabase.jdbi();

    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @Test
    void noMessageIsLostWhenTheProcessIsKilledDuringDelivery() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            // Slow enough that the kill lands mid-queue.
            receiver.respond(request -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.status(204);
            });
            SiteId site = EventRows.site(jdbi, "crash-" + UUID.randomUUID() + ".example.com");
            List<WebhookId> webhooks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UUID id = UUID.randomUUID();
                jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled)"
                        + " VALUES (?, ?, 'hook', ?, 'secret-0123456789abcdef', true)", id, site.value(), receiver.url("/crash")));
                webhooks.add(new WebhookId(id));
            }
            JdbiMessageQueue queue = new JdbiMessageQueue(jdbi, new ObjectMapper());
            List<MessageId> messages = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                MessageId id = MessageId.random();
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("id", id.external());
                payload.put("type", "visitor_spike");
                queue.enqueue(new QueuedMessage(id, webhooks.get(i % webhooks.size()), null, "visitor_spike", payload,
                        Instant.now()));
                messages.add(id);
            }
            Path config = config();

            Process first = start(config);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.count() >= 40);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no release of leases
                first.waitFor();
            }
            assertThat(delivered(messages)).as("the kill came while messages were still queued").isLessThan(MESSAGES);

            Process second = start(config);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> delivered(messages) == MESSAGES);
            } finally {
                second.destroy();
                second.waitFor();
            }
            Set<String> received = receiver.received("/crash").stream().map(r -> r.header("webhook-id"))
                    .collect(Collectors.toSet());
            assertThat(received).containsAll(messages.stream().map(MessageId::external).toList());
        }
    }

    private long delivered(List<MessageId> messages) {
        UUID[] ids = messages.stream().map(MessageId::value).toArray(UUID[]::new);
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages WHERE status = 'delivered'"
                + " AND id = ANY(:ids)").bind("ids", ids).mapTo(Long.class).one());
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
                "  leaseDuration: 3s",
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
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/crash-recovery-child.log")))
                .start();
    }
}
