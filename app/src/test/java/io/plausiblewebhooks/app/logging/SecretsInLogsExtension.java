package io.plausiblewebhooks.app.logging;

import io.plausiblewebhooks.adapter.persistence.SecretBox;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test of this module ({@code META-INF/services}, auto-detection switched on in
 * {@code junit-platform.properties}): captures the logs of the whole suite ({@link SecretsInLogs}),
 * learns the secrets the tests stored, and fails a test class whose run left a secret in the logs.
 *
 * <p>Secrets are learned from the shared test database right after each test, before its clean-up:
 * every webhook secret (current and previous) and stats API key, opened with the test encryption
 * keys. API keys are stored only as hashes; they are found by their {@code pwk_} shape, and the
 * suites that choose their own remember them.
 */
public final class SecretsInLogsExtension implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback,
        AfterAllCallback {
    /** The keys the test configurations use for {@code auth.secretEncryptionKey}. */
    private static final SecretBox TEST_KEYS = new SecretBox(
            Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
            List.of(Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")));

    @Override
    public void beforeAll(ExtensionContext context) {
        SecretsInLogs.suite().install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SecretsInLogs.suite().install();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (!TestDatabase.started()) {
            return; // a test without the database: nothing stored to learn from
        }
        List<Map<String, Object>> rows = TestDatabase.jdbi().withHandle(h -> h.createQuery(
                        "SELECT 'webhooks.secret:' || id AS context, secret AS value FROM webhooks"
                                + " UNION ALL SELECT 'webhooks.previous_secret:' || id, previous_secret FROM webhooks"
                                + " WHERE previous_secret IS NOT NULL"
                                + " UNION ALL SELECT 'sites.stats_api_key:' || id, stats_api_key FROM sites"
                                + " WHERE stats_api_key IS NOT NULL")
                .mapToMap().list());
        for (Map<String, Object> row : rows) {
            try {
                SecretsInLogs.suite().remember(TEST_KEYS.open((String) row.get("value"), (String) row.get("context")));
            } catch (IllegalStateException sealedWithAnotherKey) {
                // a test's own key: that test remembers its secrets itself
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SecretsInLogs.suite().check();
    }
}
