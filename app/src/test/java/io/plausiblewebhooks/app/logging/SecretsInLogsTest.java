package io.plausiblewebhooks.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checker itself: it must be able to fail, or "no secret in the logs" would prove nothing. */
class SecretsInLogsTest {
    private static final String SECRET = "my-receiver-secret-0123456789";
    private final SecretsInLogs checker = new SecretsInLogs(logger -> logger.equals(SecretsInLogs.ON_PURPOSE));
    private final Logger leaky = LoggerFactory.getLogger(SecretsInLogs.ON_PURPOSE);

    @BeforeEach
    void install() {
        checker.install();
        // Quieter than what is logged below: the capture must see it all the same.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(SecretsInLogs.ON_PURPOSE).setLevel(Level.WARN);
    }

    @AfterEach
    void uninstall() {
        checker.uninstall();
    }

    @Test
    void aRememberedSecretLoggedOnPurposeFailsTheCheckWithoutBeingPrinted() {
        checker.remember(SECRET);
        leaky.debug("signing with {}", SECRET);

        assertThatThrownBy(checker::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining(SecretsInLogs.ON_PURPOSE).hasMessageContaining("my-rec…[masked]")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecretLearnedAfterItWasLoggedStillFailsTheCheck() {
        leaky.info("signing with {}", SECRET);
        checker.check();

        checker.remember(SECRET);

        assertThatThrownBy(checker::check).isInstanceOf(AssertionError.class);
    }

    @Test
    void generatedSecretsAndKeysAreFoundWithoutBeingRemembered() {
        leaky.warn("request failed", new IllegalStateException("bad key pwk_abcdefgh12345678"));

        assertThatThrownBy(checker::check).hasMessageContaining("pwk_ab…[masked]");

        leaky.error("webhook {} has secret {}", "w1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(checker::check).hasMessageContaining("whsec_…[masked]");
    }

    @Test
    void theCaptureSurvivesTheResetDropwizardDoesAtStart() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
        checker.remember(SECRET);

        leaky.info("after the reset: {}", SECRET);

        assertThatThrownBy(checker::check).isInstanceOf(AssertionError.class);
    }

    @Test
    void theSuiteWideCaptureListensInEveryTestClassOfTheModule() {
        // Installed by SecretsInLogsExtension through auto-detection, not by this class.
        assertThat(SecretsInLogs.suite().listening()).isTrue();
    }

    @Test
    void cleanLogsAndTheOneBootstrapKeyMessagePass() {
        checker.remember(SECRET);
        leaky.info("delivered message {} in {} ms", "msg_0123", 12);
        leaky.warn(SecretsInLogs.BOOTSTRAP_KEY_MESSAGE, "pwk_generated_at_first_start_0123");

        assertThatCode(checker::check).doesNotThrowAnyException();
        assertThat(checker.lines()).isEqualTo(1);
    }
}
