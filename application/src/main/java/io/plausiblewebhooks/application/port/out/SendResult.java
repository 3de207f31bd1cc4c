package io.plausiblewebhooks.application.port.out;

import java.time.Duration;

/**
 * What one HTTP attempt gave.
 *
 * @param statusCode the response status, null when no response arrived
 * @param responseBody at most the first 16 KiB of the response body, null without a response
 * @param error why no response arrived (timeout, refused connection, TLS, refused destination), else null
 * @param retryAfter the delay the receiver asked for with {@code Retry-After}, else null
 * @param durationMs wall time of the attempt
 */
public record SendResult(Integer statusCode, String responseBody, String error, Duration retryAfter, long durationMs) {
    public SendResult {
        if ((statusCode == null) == (error == null)) {
            throw new IllegalArgumentException("either a status code or an error");
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }

    public static SendResult response(int statusCode, String responseBody, Duration retryAfter, long durationMs) {
        return new SendResult(statusCode, responseBody, null, retryAfter, durationMs);
    }

    public static SendResult failure(String error, long durationMs) {
        return new SendResult(null, null, error, null, durationMs);
    }

    public boolean successful() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
