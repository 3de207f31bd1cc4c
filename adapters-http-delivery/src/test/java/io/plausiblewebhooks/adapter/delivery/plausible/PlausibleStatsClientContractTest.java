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
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Plausible Stats API client against a local HTTPS server answering with the response shapes of
 * Plausible's API documentation (realtime visitors: a bare number; {@code /api/v2/query}:
 * {@code {"results":[{"metrics":[…],"dimensions":[…]}],"meta":{},"query":{…}}}; errors: {@code {"error":"…"}}).
 */
class PlausibleStatsClientContractTest {
    private static final String KEY = "plausible-stats-key-0123456789abcdef";
    private static final SsrfGuard LOOPBACK_ALLOWED = new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8")), HostResolver.SYSTEM);
    private static final Instant FROM = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-29T10:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestReceiver plausible = new TestReceiver();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:30:00Z"));
    private final PlausibleStatsClient client = new PlausibleStatsClient(
            TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()), LOOPBACK_ALLOWED, Duration.ofSeconds(5), Duration.ofSeconds(3), clock);
    private final PlausibleStatsClient.Source source =
            new PlausibleStatsClient.Source(URI.create(plausible.url("")), "shop.example.com", KEY);

    @AfterEach
    void close() {
        plausible.close();
    }

    @Test
    void readsCurrentVisitorsFromTheRealtimeEndpointWithTheKeyAsBearerToken() {
        plausible.respond(r -> Reply.status(200, "21").withHeader("Content-Type", "application/json"));

        assertThat(client.realtimeVisitors(source)).isEqualTo(21);

        TestReceiver.Received request = plausible.received().get(0);
        assertThat(request.path()).isEqualTo("/api/v1/stats/realtime/visitors");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void asksTheV2QueryForVisitorsOverTheWindow() throws Exception {
        plausible.respond(r -> Reply.status(200, """
                {"results":[{"metrics":[4350],"dimensions":[]}],"meta":{},
                 "query":{"site_id":"shop.example.com","metrics":["visitors"],"date_range":["2026-11-29T10:00:00Z","2026-11-29T10:30:00Z"],"filters":[],"dimensions":[],"order_by":[["visitors","desc"]],"include":{},"pagination":{"limit":10000,"offset":0}}}
                """));

        assertThat(client.visitors(source, FROM, TO)).isEqualTo(4350);

        JsonNode body = JSON.readTree(plausible.received().get(0).body());
        assertThat(plausible.received().get(0).path()).isEqualTo("/api/v2/query");
        assertThat(body.get("site_id").asText()).isEqualTo("shop.example.com");
        assertThat(body.get("metrics").toString()).isEqualTo("[\"visitors\"]");
        assertThat(body.get("date_range").toString()).isEqualTo("[\"2026-11-29T10:00:00Z\",\"2026-11-29T10:30:00Z\"]");
    }

    @Test
    void readsTopSourcesFromABreakdownByVisitSource() throws Exception {
        plausible.respond(r -> Reply.status(200, """
                {"results":[{"metrics":[120],"dimensions":["Google"]},{"metrics":[45],"dimensions":["Hacker News"]}],
                 "meta":{},"query":{}}
                """));

        assertThat(client.top(source, "visit:source", FROM, TO, 5))
                .containsExactly(new Count("Google", 120), new Count("Hacker News", 45));

        JsonNode body = JSON.readTree(plausible.received().get(0).body());
        assertThat(body.get("dimensions").toString()).isEqualTo("[\"visit:source\"]");
        assertThat(body.at("/pagination/limit").asInt()).isEqualTo(5);
        assertThat(body.get("order_by").toString()).isEqualTo("[[\"visitors\",\"desc\"]]");
    }

    @Test
    void countsGoalConversionsWithAGoalFilter() throws Exception {
        plausible.respond(r -> Reply.status(200, "{\"results\":[{\"metrics\":[7],\"dimensions\":[]}],\"meta\":{},\"query\":{}}"));

        assertThat(client.goalConversions(source, "Signup", FROM, TO)).isEqualTo(7);

        JsonNode body = JSON.readTree(plausible.received().get(0).body());
        assertThat(body.get("metrics").toString()).isEqualTo("[\"events\"]");
        assertThat(body.get("filters").toString()).isEqualTo("[[\"is\",\"event:goal\",[\"Signup\"]]]");
    }

    @Test
    void aRefusedKeyIsAnErrorThatNamesNoSecret() {
        plausible.respond(r -> Reply.status(401, "{\"error\":\"Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.\"}"));

        assertThatThrownBy(() -> client.realtimeVisitors(source))
                .isInstanceOf(PlausibleApiException.class)
                .hasMessageContaining("401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void aRateLimitBacksOffForRetryAfterWithoutFurtherRequests() {
        plausible.respond(r -> Reply.status(429, "{\"error\":\"Too many API requests. Your API key is limited to 600 requests per hour.\"}")
                .withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("429");
        plausible.respond(r -> Reply.status(200, "5"));
        clock.advance(Duration.ofSeconds(119));
        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("backing off until 2026-11-29T10:32:00Z");
        assertThat(plausible.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.realtimeVisitors(source)).isEqualTo(5);
        assertThat(plausible.count()).isEqualTo(2);
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOffForAMinuteThenLonger() {
        plausible.respond(r -> Reply.status(429, "{\"error\":\"Too many API requests.\"}"));

        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("until 2026-11-29T10:31:00Z");
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("until 2026-11-29T10:33:00Z");
        assertThat(plausible.count()).isEqualTo(2);
    }

    @Test
    void aRateLimitWithoutRetryAfterHonoursTheRateLimitReset() {
        plausible.respond(r -> Reply.status(429, "{\"error\":\"Too many API requests.\"}")
                .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(Instant.parse("2026-11-29T10:45:00Z").getEpochSecond())));

        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("until 2026-11-29T10:45:00Z");
    }

    @Test
    void anAnswerThatSpendsTheLastRequestWaitsForTheResetBeforeAskingAgain() {
        plausible.respond(r -> Reply.status(200, "5")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "300"));

        assertThat(client.realtimeVisitors(source)).isEqualTo(5);
        assertThatThrownBy(() -> client.realtimeVisitors(source)).hasMessageContaining("until 2026-11-29T10:35:00Z");
        assertThat(plausible.count()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(client.realtimeVisitors(source)).isEqualTo(5);
    }

    @Test
    void aServerErrorIsAnErrorWithPlausiblesReason() {
        plausible.respond(r -> Reply.status(503, "{\"error\":\"Service temporarily unavailable\"}"));

        assertThatThrownBy(() -> client.visitors(source, FROM, TO))
                .isInstanceOf(PlausibleApiException.class)
                .hasMessage("Plausible answered 503: Service temporarily unavailable");
    }

    @Test
    void malformedJsonIsAnError() {
        plausible.respond(r -> Reply.status(200, "{\"results\":[{\"metrics\":[12"));

        assertThatThrownBy(() -> client.visitors(source, FROM, TO))
                .isInstanceOf(PlausibleApiException.class).hasMessage("Plausible answered malformed JSON");
    }

    @Test
    void aResultWithoutItsMetricIsAnErrorNotAZero() {
        plausible.respond(r -> Reply.status(200, "{\"results\":[{\"dimensions\":[]}],\"meta\":{}}"));

        assertThatThrownBy(() -> client.visitors(source, FROM, TO)).isInstanceOf(PlausibleApiException.class);
    }

    @Test
    void aRealtimeAnswerThatIsNotANumberIsAnError() {
        plausible.respond(r -> Reply.status(200, "{\"visitors\":3}"));

        assertThatThrownBy(() -> client.realtimeVisitors(source)).isInstanceOf(PlausibleApiException.class);
    }

    @Test
    void aTimeoutIsAnError() {
        plausible.respond(r -> Reply.hanging());

        assertThatThrownBy(() -> client.realtimeVisitors(source))
                .isInstanceOf(PlausibleApiException.class).hasMessageContaining("did not answer within 3000 ms");
    }

    @Test
    void theSourceNeverShowsItsKey() {
        assertThat(source.toString()).doesNotContain(KEY).contains("shop.example.com");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aNameThatResolvesToARefusedAddressIsRefusedAtConnectTimeWithoutARequest() {
        // The resolver this test controls: the name passed any earlier check, and now points at loopback.
        SsrfGuard refusesLoopback = new SsrfGuard(AddressPolicy.parse(List.of()),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        PlausibleStatsClient rebound = new PlausibleStatsClient(TrustMaterial.sslContext(TestReceiver.trustedCertificatePem()),
                refusesLoopback, Duration.ofSeconds(5), Duration.ofSeconds(3), clock);
        plausible.respond(r -> Reply.status(200, "21"));

        assertThatThrownBy(() -> rebound.realtimeVisitors(
                new PlausibleStatsClient.Source(URI.create("https://plausible.rebound.test:" + plausible.port()), "shop.example.com", KEY)))
                .isInstanceOf(PlausibleApiException.class)
                .hasMessageContaining("refused at connect time")
                .hasMessageNotContaining(KEY);
        assertThat(plausible.count()).isZero();
    }
}
