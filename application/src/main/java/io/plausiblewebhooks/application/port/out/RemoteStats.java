package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.domain.StatsSource.PlausibleApi;
import java.time.Instant;
import java.util.List;

/**
 * One site's statistics from a Plausible instance's Stats API, one request per call. Every failure
 * (refused key, rate limit, server error, malformed answer, timeout) is a
 * {@link RemoteStatsException}: the data is missing, never zero. Windows are [from, to].
 */
public interface RemoteStats {

    /** Plausible's current visitors (last 5 minutes). */
    long currentVisitors(PlausibleApi source);

    long visitors(PlausibleApi source, Instant from, Instant to);

    /** Top values of a dimension by visitors, most first. */
    List<Count> top(PlausibleApi source, Dimension dimension, Instant from, Instant to, int limit);

    /** Occurrences of the custom event {@code eventName}. */
    long events(PlausibleApi source, String eventName, Instant from, Instant to);

    /** Completions of the goal named {@code goalName} in Plausible. */
    long goalConversions(PlausibleApi source, String goalName, Instant from, Instant to);

    enum Dimension {
        SOURCE, PAGE
    }

    /** The source could not answer; the message is short, key-free and fit to show as {@code last_error}. */
    final class RemoteStatsException extends RuntimeException {
        private final boolean rateLimited;

        public RemoteStatsException(String message, boolean rateLimited) {
            super(message, null, false, false);
            this.rateLimited = rateLimited;
        }

        /** True when the source refused for its rate limit (429, or still backing off after one). */
        public boolean rateLimited() {
            return rateLimited;
        }
    }
}
