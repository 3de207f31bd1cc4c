package io.plausiblewebhooks.adapter.rest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.adapter.rest.MalformedRequestException;
import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private static final String UA = "Mozilla/5.0";
    private final EventParser parser = new EventParser();

    private RecordEventCommand parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), UA, "203.0.113.1");
    }

    private static Map<String, ?> errorsOf(Runnable parse) {
        try {
            parse.run();
        } catch (ValidationException invalid) {
            return invalid.errors();
        }
        throw new AssertionError("no ValidationException");
    }

    @Test
    void readsTheLongFieldNames() {
        RecordEventCommand event = parse("{\"name\":\"Signup\",\"url\":\"https://a.example.com/join\",\"domain\":\"a.example.com\","
                + "\"referrer\":\"https://www.google.com/\",\"props\":{\"plan\":\"pro\",\"seats\":3},"
                + "\"revenue\":{\"amount\":\"9.90\",\"currency\":\"EUR\"}}");

        assertThat(event.name()).isEqualTo("Signup");
        assertThat(event.url()).isEqualTo("https://a.example.com/join");
        assertThat(event.domain()).isEqualTo("a.example.com");
        assertThat(event.referrer()).isEqualTo("https://www.google.com/");
        assertThat(event.props()).containsEntry("plan", "pro").containsEntry("seats", 3);
        assertThat(event.revenueCurrency()).isEqualTo("EUR");
        assertThat(event.userAgent()).isEqualTo(UA);
        assertThat(event.clientIp()).isEqualTo("203.0.113.1");
    }

    @Test
    void readsTheTrackersShortNamesAndPropsSentAsAnEncodedString() {
        RecordEventCommand event = parse("{\"n\":\"pageview\",\"u\":\"https://a.example.com/\",\"d\":\"a.example.com\","
                + "\"r\":null,\"p\":\"{\\\"plan\\\":\\\"pro\\\"}\",\"$\":{\"amount\":5,\"currency\":\"USD\"}}");

        assertThat(event.name()).isEqualTo("pageview");
        assertThat(event.domain()).isEqualTo("a.example.com");
        assertThat(event.referrer()).isNull();
        assertThat(event.props()).isEqualTo(Map.of("plan", "pro"));
        assertThat(event.revenueCurrency()).isEqualTo("USD");
    }

    @Test
    void readsMetaAsProps() {
        assertThat(parse("{\"n\":\"pageview\",\"u\":\"https://a.example.com/\",\"m\":{\"k\":\"v\"}}").props())
                .isEqualTo(Map.of("k", "v"));
    }

    @Test
    void namesEveryFieldOfTheWrongJsonType() {
        Map<String, ?> errors = errorsOf(() -> parse("{\"n\":1,\"u\":2,\"r\":3,\"p\":\"not json\",\"$\":4}"));

        assertThat(errors).containsOnlyKeys("name", "url", "referrer", "props", "revenue");
    }

    @Test
    void namesTheFieldsTheCommandRefusesAndTheMissingUserAgent() {
        Map<String, ?> errors = errorsOf(() -> parser.parse(
                "{\"name\":\"\",\"url\":\"nope\"}".getBytes(StandardCharsets.UTF_8), null, "203.0.113.1"));

        assertThat(errors).containsOnlyKeys("name", "url", "User-Agent");
    }

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        for (String body : new String[] {"", "name=pageview", "[1]", "\"x\"", "null"}) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(MalformedRequestException.class);
        }
        assertThatThrownBy(() -> parser.parse(null, UA, "203.0.113.1")).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void refusesDeeplyNestedJsonAsMalformed() {
        String nested = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

        assertThatThrownBy(() -> parse("{\"n\":\"pageview\",\"u\":\"https://a.example.com/\",\"p\":" + nested + "}"))
                .isInstanceOf(MalformedRequestException.class).hasMessage("the body is not valid JSON");
    }

    @Test
    void theClientIsTheFirstForwardedForAddressElseThePeer() {
        assertThat(EventParser.clientIp("198.51.100.7, 10.0.0.1", "127.0.0.1")).isEqualTo("198.51.100.7");
        assertThat(EventParser.clientIp(" 2001:db8::1 ", "127.0.0.1")).isEqualTo("2001:db8::1");
        assertThat(EventParser.clientIp(null, "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(EventParser.clientIp(" , 10.0.0.1", "127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
