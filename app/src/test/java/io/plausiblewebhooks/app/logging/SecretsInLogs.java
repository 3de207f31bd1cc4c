package io.plausiblewebhooks.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Records what is logged in this JVM and checks that no secret is in it: neither a webhook secret or
 * API key a test used ({@link #remember}), nor anything shaped like a generated one ({@code whsec_…},
 * {@code pwk_…}).
 *
 * <p>It listens as a logback turbo filter, which sees every logging call before the level check:
 * the service's own loggers are recorded at every level (a secret in a DEBUG line is found even when
 * the test runs at WARN), other loggers from INFO up. Dropwizard resets logback when an application
 * starts, which removes turbo filters and appenders; a reset-resistant listener puts the filter back.
 */
public final class SecretsInLogs {
    /** A logger the suite-wide check ignores: only the checker's own test logs secrets, on purpose. */
    public static final String ON_PURPOSE = "io.plausiblewebhooks.test.logs-a-secret-on-purpose";
    /** API.md: a key the service generated itself is logged once, by design. */
    static final String BOOTSTRAP_KEY_MESSAGE = "Created the first admin API key: {} (shown only this once)";
    private static final Pattern GENERATED = Pattern.compile("(whsec_[A-Za-z0-9+/=]{8,}|pwk_[A-Za-z0-9_\\-]{8,})");

    private static final SecretsInLogs SUITE = new SecretsInLogs(logger -> !logger.equals(ON_PURPOSE));

    private final Predicate<String> loggers;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Filter filter = new Filter();
    private final Listener listener = new Listener();
    private volatile boolean installed;
    /** How far lines and secrets were already checked against each other. */
    private int linesChecked;
    private Set<String> secretsChecked = Set.of();

    SecretsInLogs(Predicate<String> loggers) {
        this.loggers = loggers;
    }

    /** The capture of the whole test JVM, installed by {@link SecretsInLogsExtension}. */
    public static SecretsInLogs suite() {
        return SUITE;
    }

    /**
     * Idempotent. Called before every test: stopping an application stops logback's context, which
     * drops even reset-resistant listeners, and the next application starts it again without them.
     */
    public synchronized void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (!filter.isStarted()) {
            filter.setContext(context);
            filter.start();
        }
        if (!context.getTurboFilterList().contains(filter)) {
            context.addTurboFilter(filter);
        }
        if (!context.getCopyOfListenerList().contains(listener)) {
            context.addListener(listener);
        }
        installed = true;
    }

    /** Whether the capture is listening now (its filter is in logback's list). */
    public boolean listening() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList().contains(filter);
    }

    public synchronized void uninstall() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.removeListener(listener);
        context.getTurboFilterList().remove(filter);
        installed = false;
    }

    /** A secret or key a test used; blank and short values are ignored (they would match everywhere). */
    public void remember(String secret) {
        if (secret != null && secret.strip().length() >= 8) {
            secrets.add(secret);
        }
    }

    public int lines() {
        return lines.size();
    }

    /**
     * Fails if any line recorded so far holds a remembered secret or a generated-looking one. Lines
     * checked before are checked again only against secrets learned since.
     */
    public synchronized void check() {
        List<String> all = List.copyOf(lines);
        Set<String> known = Set.copyOf(secrets);
        Set<String> learned = new java.util.HashSet<>(known);
        learned.removeAll(secretsChecked);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            for (String secret : i < linesChecked ? learned : known) {
                if (line.contains(secret)) {
                    found.add(masked(line, secret));
                }
            }
            if (i >= linesChecked) {
                Matcher generated = GENERATED.matcher(line);
                while (generated.find()) {
                    found.add(masked(line, generated.group()));
                }
            }
        }
        linesChecked = all.size();
        secretsChecked = known;
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " log line(s) contain a secret or API key (shown masked):\n"
                    + String.join("\n", found.subList(0, Math.min(10, found.size()))));
        }
    }

    /** The line with the secret replaced, so that the failure report does not spread it further. */
    private static String masked(String line, String secret) {
        String shown = line.replace(secret, secret.substring(0, Math.min(6, secret.length())) + "…[masked]");
        return "  " + (shown.length() > 500 ? shown.substring(0, 500) + "…" : shown);
    }

    private final class Filter extends TurboFilter {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                                  Throwable t) {
            String name = logger.getName();
            boolean ours = name.startsWith("io.plausiblewebhooks");
            if ((ours || level.isGreaterOrEqual(Level.INFO)) && loggers.test(name)
                    && !BOOTSTRAP_KEY_MESSAGE.equals(format)) {
                lines.add(name + " " + level + " " + render(format, params, t));
            }
            return FilterReply.NEUTRAL; // records, never decides
        }
    }

    private static String render(String format, Object[] params, Throwable t) {
        StringBuilder line = new StringBuilder();
        line.append(format == null ? "" : MessageFormatter.arrayFormat(format, params).getMessage());
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        return line.toString();
    }

    private final class Listener implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            // Dropwizard configuring its logging: the reset has just emptied the turbo filter list.
            if (installed && !context.getTurboFilterList().contains(filter)) {
                context.addTurboFilter(filter);
            }
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
