package io.plausiblewebhooks.adapter.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enqueueing on one connection wakes a listener on another, through PostgreSQL's NOTIFY. */
class EnqueueListenerTest {
    private final Jdbi jdbi = TestDatabase.jdbi();
    private final Semaphore wakeUps = new Semaphore(0);
    private final EnqueueListener listener = new EnqueueListener(jdbi, wakeUps::release);
    private WebhookId webhook;

    @BeforeEach
    void webhookAndListener() throws InterruptedException {
        TestDatabase.truncateAll();
        UUID account = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES (?, 'acme')", account);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, 'example.com')", site, account);
            h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled) VALUES (?, ?, 'w', 'https://hooks.example.com/a', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', true)",
                    id, site);
        });
        webhook = new WebhookId(id);
        listener.start();
        // LISTEN is in place once a notification sent now arrives.
        do {
            jdbi.useHandle(h -> h.execute("NOTIFY " + EnqueueListener.CHANNEL));
        } while (!wakeUps.tryAcquire(200, TimeUnit.MILLISECONDS));
        wakeUps.drainPermits();
    }

    @AfterEach
    void stop() throws InterruptedException {
        listener.close();
        TestDatabase.truncateAll();
    }

    @Test
    void anEnqueuedMessageWakesTheListener() throws InterruptedException {
        assertThat(wakeUps.tryAcquire(300, TimeUnit.MILLISECONDS)).as("nothing enqueued yet").isFalse();

        MessageId id = MessageId.random();
        new JdbiMessageQueue(jdbi, new ObjectMapper()).enqueue(new QueuedMessage(id, webhook, null, "visitor_spike",
                Map.of("id", id.external()), Instant.now()));

        assertThat(wakeUps.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRolledBackEnqueueWakesNobody() throws InterruptedException {
        jdbi.useHandle(h -> {
            h.begin();
            h.execute("INSERT INTO webhook_messages (id, webhook_id, event_type, payload, next_attempt_at)"
                    + " VALUES (?, ?, 'visitor_spike', '{}', now())", UUID.randomUUID(), webhook.value());
            h.rollback();
        });

        assertThat(wakeUps.tryAcquire(1, TimeUnit.SECONDS)).isFalse();
    }
}
