package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.domain.AccountId;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per account on the authenticated API: {@code burst} requests at once, refilled at
 * {@code requestsPerSecond}. Runs right after the API-key filter, so it counts only known callers
 * and an unknown key cannot drain someone else's bucket. Over the limit: 429 with Retry-After.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
public class RateLimitFilter implements ContainerRequestFilter {
    private final double tokensPerMilli;
    private final int burst;
    private final Clock clock;
    private final ConcurrentMap<AccountId, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(int requestsPerSecond, int burst, Clock clock) {
        if (requestsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("requestsPerSecond and burst must be at least 1");
        }
        this.tokensPerMilli = requestsPerSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof AccountPrincipal caller)) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(caller.accountId(), id -> new Bucket(burst, clock.millis()));
        long waitMillis = bucket.take(clock.millis());
        if (waitMillis > 0) {
            long retryAfterSeconds = Math.max(1, (waitMillis + 999) / 1000);
            request.abortWith(Response.fromResponse(Problems.response(429,
                            "too many requests for this account; retry after " + retryAfterSeconds + " s", null))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)).build());
        }
    }

    private final class Bucket {
        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long nowMillis) {
            this.tokens = tokens;
            this.lastMillis = nowMillis;
        }

        /** Takes one token; answers 0, or how many milliseconds until one is available. */
        synchronized long take(long nowMillis) {
            // max(): a clock that steps back must not mint tokens or make the wait negative.
            tokens = Math.min(burst, tokens + Math.max(0, nowMillis - lastMillis) * tokensPerMilli);
            lastMillis = Math.max(lastMillis, nowMillis);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerMilli);
        }
    }
}
