package io.plausiblewebhooks.adapter.delivery.plausible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plausiblewebhooks.adapter.delivery.AddressPolicy;
import io.plausiblewebhooks.adapter.delivery.HostResolver;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.TrustMaterial;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.application.port.out.RemoteStats.Dimension;
import io.plausiblewebhooks.application.port.out.RemoteStats.RemoteStatsException;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.domain.PlausibleApiKey;
import io.plausiblewebhooks.domain.StatsSource.PlausibleApi;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RemoteStats port on the Plausible client, against a local HTTPS server with Plausible's answer shapes. */
class PlausibleRemoteStatsContractTest {
    private static final String KEY = "plausible-stats-key-0123456789abcdef";
    private static final SsrfGuard REFUSE_PRIVATE = new SsrfGuard(AddressPolicy.parse(List.of()), HostResolver.SYSTEM);
    private static final Instant FROM = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-29T10:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestReceiver plausible = new TestReceiver();
    private final PlausibleRemoteStats stats = stats(Duration.ofSeconds(15));
    private final PlausibleApi source = new PlausibleApi(new WebhookUrl(plausible.url("").replaceAll("/$", "")),
            "shop.example.com", new PlausibleApiKey(KEY));

    /** A generous timeout, as a loaded machine needs; the timeout case has a short one of its own. */
    private static PlausibleRemoteStats stats(Duration requestTimeout) {
        SsrfGuard loopbackAllowed = new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8")), HostResolver.SYSTEM);
        return new PlausibleRemoteStats(new PlausibleStatsClient(TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()),
                loopbackAllowed, Duration.ofSeconds(5), requestTimeout, Clock.systemUTC()), loopbackAllowed);
    }

    @AfterEach
    void close() {
        plausible.close();
    }

    @Test
    void readsTheRealtimeVisitors() {
        plausible.respond(r -> Reply.status(200, "17"));

        assertThat(stats.currentVisitors(source)).isEqualTo(17);
        assertThat(plausible.received().get(0).path()).isEqualTo("/api/v1/stats/realtime/visitors");
    }

    @Test
    void countsACustomEventWithAnEventNameFilter() throws Exception {
        plausible.respond(r -> Reply.status(200, "{\"results\":[{\"metrics\":[9],\"dimensions\":[]}],\"meta\":{},\"query\":{}}"));

        assertThat(stats.events(source, "Download", FROM, TO)).isEqualTo(9);

        JsonNode body = JSON.readTree(plausible.received().get(0).body());
        assertThat(body.get("filters").toString()).isEqualTo("[[\"is\",\"event:name\",[\"Download\"]]]");
        assertThat(body.get("metrics").toString()).isEqualTo("[\"events\"]");
    }

    @Test
    void readsTopPagesFromABreakdownByEventPage() throws Exception {
        plausible.respond(r -> Reply.status(200, """
                {"results":[{"metrics":[30],"dimensions":["/pricing"]},{"metrics":[12],"dimensions":["/"]}],"meta":{},"query":{}}
                """));

        assertThat(stats.top(source, Dimension.PAGE, FROM, TO, 3)).containsExactly(new Count("/pricing", 30), new Count("/", 12));
        assertThat(JSON.readTree(plausible.received().get(0).body()).get("dimensions").toString()).isEqualTo("[\"event:page\"]");
    }

    @Test
    void aRateLimitIsAReportedRateLimitThatNamesNoKey() {
        plausible.respond(r -> Reply.status(429, "{\"error\":\"Too many API requests\"}").withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> stats.currentVisitors(source))
                .isInstanceOfSatisfying(RemoteStatsException.class, e -> {
                    assertThat(e.rateLimited()).isTrue();
                    assertThat(e.getMessage()).contains("429").doesNotContain(KEY);
                });
        assertThatThrownBy(() -> stats.visitors(source, FROM, TO)).isInstanceOf(RemoteStatsException.class);
        assertThat(plausible.received()).as("no request while backing off").hasSize(1);
    }

    @Test
    void aBaseUrlTheGuardRefusesIsNeverAsked() {
        PlausibleRemoteStats guarded = new PlausibleRemoteStats(new PlausibleStatsClient(
                TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), REFUSE_PRIVATE, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Clock.systemUTC()), REFUSE_PRIVATE);
        plausible.respond(r -> Reply.status(200, "17"));

        assertThatThrownBy(() -> guarded.currentVisitors(source))
                .isInstanceOfSatisfying(RemoteStatsException.class, e -> assertThat(e.getMessage()).contains("base_url refused"));
        assertThat(plausible.count()).isZero();
    }

    @Test
    void refusedKeyServerErrorMalformedAnswerAndTimeoutAreErrorsNotZero() {
        plausible.respond(r -> Reply.status(401, "{\"error\":\"Invalid API key or site ID.\"}"));
        assertThatThrownBy(() -> stats.visitors(source, FROM, TO))
                .isInstanceOfSatisfying(RemoteStatsException.class, e -> assertThat(e.rateLimited()).isFalse());

        plausible.respond(r -> Reply.status(500, "{\"error\":\"Internal server error\"}"));
        assertThatThrownBy(() -> stats.goalConversions(source, "Signup", FROM, TO)).isInstanceOf(RemoteStatsException.class);

        plausible.respond(r -> Reply.status(200, "{\"results\":[{\"metri"));
        assertThatThrownBy(() -> stats.events(source, "Signup", FROM, TO)).isInstanceOf(RemoteStatsException.class);

        plausible.respond(r -> Reply.hanging());
        assertThatThrownBy(() -> stats(Duration.ofSeconds(1)).currentVisitors(source))
                .isInstanceOfSatisfying(RemoteStatsException.class, e -> assertThat(e.getMessage()).contains("did not answer"));
    }
}
