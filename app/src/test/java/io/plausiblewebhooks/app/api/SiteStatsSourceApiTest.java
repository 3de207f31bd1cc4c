package io.plausiblewebhooks.app.api;

import static io.plausiblewebhooks.app.api.ApiClient.json;
import static io.plausiblewebhooks.app.api.ApiClient.rowCounts;
import static io.plausiblewebhooks.app.api.ApiClient.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code stats_source} on the site API: validated like webhook URLs, the key stored but never shown. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SiteStatsSourceApiTest {
    private static final DropwizardAppExtension<AppConfiguration> APP = ApiClient.application();
    private static final String PLAUSIBLE_KEY = "plausible-stats-key-0123456789abcdef";
    /** A public address literal: passes the SSRF guard without DNS. */
    private static final String BASE_URL = "https://93.184.215.14";

    private static ApiClient api;
    private static String key;

    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @BeforeAll
    static void anAccount() {
        api = new ApiClient(APP);
        key = api.newAccount();
    }

    private static String plausibleSource(String baseUrl, String siteId, String apiKey) {
        StringBuilder body = new StringBuilder("{\"type\":\"plausible_api\"");
        if (baseUrl != null) {
            body.append(",\"base_url\":\"").append(baseUrl).append('"');
        }
        if (siteId != null) {
            body.append(",\"site_id\":\"").append(siteId).append('"');
        }
        if (apiKey != null) {
            body.append(",\"api_key\":\"").append(apiKey).append('"');
        }
        return body.append('}').toString();
    }

    private static String createBody(String domain, String statsSource) {
        return "{\"domain\":\"" + domain + "\",\"stats_source\":" + statsSource + "}";
    }

    @Test
    void aSiteIsLocalByDefault() {
        JsonNode site = api.post("/api/v1/sites", key, json("domain", uniqueDomain())).expect(201).json();

        assertThat(site.get("stats_source").get("type").asText()).isEqualTo("local");
        assertThat(site.get("stats_source").get("last_error").isNull()).isTrue();
    }

    @Test
    void createsAPlausibleSiteAndNeverShowsTheKey() {
        String domain = uniqueDomain();
        ApiClient.Answer created = api.post("/api/v1/sites", key,
                createBody(domain, plausibleSource(BASE_URL + "/", domain, PLAUSIBLE_KEY))).expect(201);
        String id = created.id();

        JsonNode source = created.json().get("stats_source");
        assertThat(source.get("type").asText()).isEqualTo("plausible_api");
        assertThat(source.get("base_url").asText()).isEqualTo(BASE_URL);
        assertThat(source.get("site_id").asText()).isEqualTo(domain);
        assertThat(source.has("api_key")).isFalse();
        assertThat(created.raw().body()).doesNotContain(PLAUSIBLE_KEY);
        assertThat(api.get("/api/v1/sites/" + id, key).expect(200).raw().body()).doesNotContain(PLAUSIBLE_KEY);
        assertThat(api.get("/api/v1/sites", key).expect(200).raw().body()).doesNotContain(PLAUSIBLE_KEY)
                .contains("plausible_api");
        assertThat(storedKey(id)).startsWith("enc:v1:").doesNotContain(PLAUSIBLE_KEY);
    }

    @Test
    void patchWithoutKeyKeepsTheStoredKey() {
        String domain = uniqueDomain();
        String id = api.post("/api/v1/sites", key, createBody(domain, plausibleSource(BASE_URL, domain, PLAUSIBLE_KEY)))
                .expect(201).id();
        String sealedBefore = storedKey(id);

        JsonNode patched = api.patch("/api/v1/sites/" + id, key,
                "{\"timezone\":\"Europe/Berlin\",\"stats_source\":" + plausibleSource(BASE_URL, "other." + domain, null) + "}")
                .expect(200).json();

        assertThat(patched.get("stats_source").get("site_id").asText()).isEqualTo("other." + domain);
        assertThat(patched.get("timezone").asText()).isEqualTo("Europe/Berlin");
        // Sealed again (fresh nonce) but the same key: it opens to what was stored.
        assertThat(storedKey(id)).startsWith("enc:v1:").isNotEqualTo(sealedBefore);
        assertThat(api.patch("/api/v1/sites/" + id, key,
                "{\"stats_source\":" + plausibleSource("https://93.184.215.15", domain, null) + "}")
                .problem(422).get("errors").has("stats_source.api_key")).isTrue();
        assertThat(storedKey(id)).as("a rejected change keeps the key").isNotNull();
    }

    @Test
    void patchBackToLocalDropsTheKey() {
        String domain = uniqueDomain();
        String id = api.post("/api/v1/sites", key, createBody(domain, plausibleSource(BASE_URL, domain, PLAUSIBLE_KEY)))
                .expect(201).id();

        JsonNode patched = api.patch("/api/v1/sites/" + id, key, "{\"stats_source\":{\"type\":\"local\"}}").expect(200).json();

        assertThat(patched.get("stats_source").get("type").asText()).isEqualTo("local");
        assertThat(storedKey(id)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no key|https://93.184.215.14|site.example.com||stats_source.api_key",
            "plain http|http://93.184.215.14|site.example.com|plausible-stats-key-0123456789abcdef|stats_source.base_url",
            "loopback|https://127.0.0.1|site.example.com|plausible-stats-key-0123456789abcdef|stats_source.base_url",
            "private network|https://10.1.2.3|site.example.com|plausible-stats-key-0123456789abcdef|stats_source.base_url",
            "user info|https://me:pw@93.184.215.14|site.example.com|plausible-stats-key-0123456789abcdef|stats_source.base_url",
            "no site id|https://93.184.215.14||plausible-stats-key-0123456789abcdef|stats_source.site_id",
            "short key|https://93.184.215.14|site.example.com|short|stats_source.api_key",
    })
    void rejectsAnInvalidPlausibleSourceNamingTheFieldAndStoresNothing(String why, String baseUrl, String siteId,
                                                                      String apiKey, String field) {
        Map<String, Long> before = rowCounts();

        JsonNode problem = api.post("/api/v1/sites", key, createBody(uniqueDomain(), plausibleSource(baseUrl, siteId, apiKey)))
                .problem(422);

        assertThat(problem.get("errors").has(field)).as(problem.toString()).isTrue();
        assertThat(problem.toString()).doesNotContain("plausible-stats-key");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void rejectsAnUnknownSourceType() {
        assertThat(api.post("/api/v1/sites", key, createBody(uniqueDomain(), "{\"type\":\"matomo\"}"))
                .problem(422).get("errors").has("stats_source.type")).isTrue();
    }

    private static String storedKey(String site) {
        return TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT stats_api_key FROM sites WHERE id = CAST(:id AS uuid)")
                .bind("id", site).mapTo(String.class).one());
    }
}
