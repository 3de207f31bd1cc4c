package io.plausiblewebhooks.application.port.out;

/** Requests to a site's stats source, by source type and outcome (both bounded sets). */
public interface StatsSourceMetrics {
    enum Outcome {
        /** Answered. */
        SUCCESS,
        /** Refused key, server error, malformed answer, timeout, unreachable. */
        ERROR,
        /** The source answered 429, or we are still backing off after one. */
        RATE_LIMITED,
        /** Not sent: the key's request budget for now is spent; the site is asked again on a later check. */
        DEFERRED
    }

    /** {@code source} is a stats source type asked per site: {@code plausible_api}. */
    void request(String source, Outcome outcome);

    StatsSourceMetrics NONE = (source, outcome) -> {
    };
}
