package io.plausiblewebhooks.application.service.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A request budget per API key: a token bucket refilled at {@code requestsPerHour}, holding at most one
 * minute's share. The small bucket spreads requests evenly over the hour instead of spending the
 * hourly limit in one burst; sites that find it empty are asked on a later check.
 */
final class RequestBudget {
    private final double perSecond;
    private final double capacity;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RequestBudget(int requestsPerHour) {
        if (requestsPerHour < 1) {
            throw new IllegalArgumentException("requestsPerHour must be at least 1");
        }
        this.perSecond = requestsPerHour / 3600.0;
        this.capacity = Math.max(1.0, requestsPerHour / 60.0);
    }

    /** Takes one request from the key's budget if there is one. */
    synchronized boolean tryAcquire(String key, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        if (now.isAfter(bucket.at)) {
            double elapsed = Duration.between(bucket.at, now).toNanos() / 1e9;
            bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
            bucket.at = now;
        }
        if (bucket.tokens < 1.0) {
            return false;
        }
        bucket.tokens -= 1.0;
        return true;
    }
}
