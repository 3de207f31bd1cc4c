package io.plausiblewebhooks.app.hardening;

import io.plausiblewebhooks.app.logging.SecretsInLogs;

/**
 * The hardening suites' view of the suite-wide log capture ({@link SecretsInLogs}): they remember
 * every secret and API key they choose, and check at the end of each suite.
 */
final class LogCapture {
    private LogCapture() {
    }

    /** The capture is installed for every test class already; this only makes sure of it. */
    static void attach() {
        SecretsInLogs.suite().install();
    }

    static void remember(String secret) {
        SecretsInLogs.suite().remember(secret);
    }

    static int lines() {
        return SecretsInLogs.suite().lines();
    }

    static void assertNoSecretLogged() {
        SecretsInLogs.suite().check();
    }
}
