package io.plausiblewebhooks.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.domain.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordEventCommandTest {
    private static final String UA = "Mozilla/5.0";

    @Test
    void acceptsAPlausibleEvent() {
        RecordEventCommand command = new RecordEventCommand("pageview", "https://www.example.com/pricing?x=1", null,
                "https://google.com/", Map.of("plan", "pro", "seats", 3, "trial", true),
                Map.of("amount", "12.50", "currency", "EUR"), UA, "203.0.113.9");

        assertThat(command.siteDomains()).containsExactly("example.com");
        assertThat(command.props()).containsEntry("seats", 3);
        assertThat(command.revenueAmount()).isEqualByComparingTo("12.50");
        assertThat(command.revenueCurrency()).isEqualTo("EUR");
    }

    @Test
    void theDomainFieldNamesSeveralSites() {
        RecordEventCommand command = new RecordEventCommand("pageview", "https://a.test/", "Example.com, rollup.example.com",
                null, null, null, UA, "203.0.113.9");

        assertThat(command.siteDomains()).containsExactly("example.com", "rollup.example.com");
    }

    @Test
    void rejectsMissingNameAndUrl() {
        assertInvalid(new HashMap<>(Map.of("name", "", "url", "")), "name", "url");
    }

    @Test
    void rejectsOverLongFields() {
        assertInvalid(Map.of("name", "n".repeat(121), "url", "https://example.com/" + "p".repeat(2000),
                "referrer", "https://r.test/" + "x".repeat(2000)), "name", "url", "referrer");
    }

    @Test
    void rejectsDataUrlsAndRelativeUrls() {
        assertInvalid(Map.of("url", "data:text/html,<script>alert(1)</script>"), "url");
        assertInvalid(Map.of("url", "/just/a/path"), "url");
    }

    @Test
    void rejectsPropsWithNestedValuesOrTooManyEntries() {
        assertInvalid(Map.of("props", Map.of("nested", Map.of("a", 1))), "props.nested");
        assertInvalid(Map.of("props", Map.of("list", List.of(1, 2))), "props.list");
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 31; i++) {
            many.put("k" + i, i);
        }
        assertInvalid(Map.of("props", many), "props");
    }

    @Test
    void rejectsAMissingUserAgentAndAnInvalidDomainAndRevenue() {
        assertInvalid(Map.of("userAgent", ""), "User-Agent");
        assertInvalid(Map.of("domain", "not a domain"), "domain");
        assertInvalid(Map.of("revenue", Map.of("amount", "lots", "currency", "euro")), "revenue.amount", "revenue.currency");
    }

    @SuppressWarnings("unchecked")
    private static void assertInvalid(Map<String, Object> overrides, String... fields) {
        Map<String, Object> f = new HashMap<>(Map.of("name", "pageview", "url", "https://example.com/", "userAgent", UA));
        f.putAll(overrides);
        assertThatThrownBy(() -> new RecordEventCommand((String) f.get("name"), (String) f.get("url"), (String) f.get("domain"),
                (String) f.get("referrer"), (Map<String, Object>) f.get("props"), (Map<String, Object>) f.get("revenue"),
                (String) f.get("userAgent"), "203.0.113.9"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsOnlyKeys(fields));
    }
}
