package io.plausiblewebhooks.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log line (message and stack trace) written while the hardening suites run, and every
 * secret and API key they used, to show that no secret ever reaches a log. Dropwizard replaces the
 * appenders when an application starts, so each suite attaches after its application is up.
 */
final class LogCapture {
    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final AppenderBase<ILoggingEvent> APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            LINES.add(line);
        }
    };

    private LogCapture() {
    }

    /** Attaches to the root logger at every level (idempotent). */
    static synchronized void attach() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!APPENDER.isStarted()) {
            APPENDER.setContext(root.getLoggerContext());
            APPENDER.start();
        }
        if (root.getAppender(APPENDER.getName()) == null || !root.isAttached(APPENDER)) {
            root.addAppender(APPENDER);
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.plausiblewebhooks")
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    static void remember(String secret) {
        SECRETS.add(secret);
    }

    static int lines() {
        return LINES.size();
    }

    static void assertNoSecretLogged() {
        for (String secret : SECRETS) {
            for (String line : LINES) {
                assertThat(line).as("a log line contains a secret or API key").doesNotContain(secret);
            }
        }
    }
}
