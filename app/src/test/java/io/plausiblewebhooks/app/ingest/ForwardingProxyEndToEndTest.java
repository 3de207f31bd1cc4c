package io.plausiblewebhooks.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Received;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import io.plausiblewebhooks.domain.SiteId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running application with {@code ingest.forwardTo} set to a real local HTTPS upstream: events are
 * recorded here (the goal trigger fires within one check interval) and reach the upstream unchanged,
 * also when it answers 503 for a while.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ForwardingProxyEndToEndTest {
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final AtomicBoolean UPSTREAM_DOWN = new AtomicBoolean();
    /** Bodies the upstream answered 202, in order. */
    private static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final TestReceiver UPSTREAM = new TestReceiver().respond(request -> {
        if (UPSTREAM_DOWN.get()) {
            return Reply.status(503);
        }
        ACCEPTED.add(request.body());
        return Reply.status(202, "ok");
    });
    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("trigger-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("triggers.checkInterval", CHECK_INTERVAL.toMillis() + "ms"),
            ConfigOverride.config("ingest.forwardTo", UPSTREAM.url("/api/event")),
            ConfigOverride.config("ingest.firstRetryDelay", "100ms"),
            ConfigOverride.config("ingest.maxRetryDelay", "300ms"),
            ConfigOverride.config("ingest.maxAttempts", "50"),
            ConfigOverride.config("delivery.trustedCertificates", () -> TestReceiver.trustedCertificatePem().toString()));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Jdbi jdbi = TestDatabase.jdbi();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
        TestDatabase.truncateAll();
    }

    @Test
    void aGoalFiresWithinOneCheckIntervalAndTheUpstreamGetsTheEventUnchanged() throws Exception {
        SiteId site = EventRows.site(jdbi, "proxied.example.com");
        UUID webhook = EventRows.webhook(jdbi, site, true);
        UUID goal = EventRows.goal(jdbi, site, "Signup", null);
        UUID trigger = EventRows.trigger(jdbi, webhook, "goal_completion", null, goal, true, "{}", Instant.now());
        // The tracker's own format: short names, text/plain, props as an encoded string.
        String body = "{\"n\":\"Signup\",\"u\":\"https://proxied.example.com/join?ref=ä\",\"d\":\"proxied.example.com\","
                + "\"r\":null,\"p\":\"{\\\"plan\\\":\\\"pro\\\"}\"}";

        HttpResponse<String> answer = send(body, "203.0.113.9");

        assertThat(answer.statusCode()).isEqualTo(202);
        // Flush (100 ms) plus at most one check interval, with slack for a loaded machine.
        await().atMost(CHECK_INTERVAL.plusSeconds(2)).until(() -> messages(trigger) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ACCEPTED.contains(body));
        Received forwarded = UPSTREAM.received().stream().filter(r -> r.body().equals(body)).findFirst().orElseThrow();
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.header("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        assertThat(forwarded.header("Content-Type")).isEqualTo("text/plain");
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 10.0.0.1, 127.0.0.1");
    }

    @Test
    void eventsSentWhileTheUpstreamIsDownArriveAfterItRecovers() throws Exception {
        EventRows.site(jdbi, "outage.example.com");
        int before = UPSTREAM.received().size();
        int acceptedBefore = ACCEPTED.size();
        UPSTREAM_DOWN.set(true);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = "{\"name\":\"pageview\",\"url\":\"https://outage.example.com/" + i + "\"}";
            bodies.add(body);
            // The client's answer does not wait for the failing upstream.
            assertThat(send(body, "198.51.100." + i).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> UPSTREAM.received().size() - before >= 20);

        UPSTREAM_DOWN.set(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> ACCEPTED.size() - acceptedBefore >= 20);
        assertThat(ACCEPTED.subList(acceptedBefore, ACCEPTED.size())).containsExactlyInAnyOrderElementsOf(bodies);
    }

    private static HttpResponse<String> send(String body, String clientIp) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/event"))
                        .header("Content-Type", "text/plain")
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                        .header("X-Forwarded-For", clientIp + ", 10.0.0.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int messages(UUID trigger) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages WHERE trigger_id = :trigger")
                .bind("trigger", trigger).mapTo(Integer.class).one());
    }
}
