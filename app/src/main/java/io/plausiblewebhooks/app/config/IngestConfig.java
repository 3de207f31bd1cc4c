package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code ingest:} — forwarding of {@code POST /api/event} to an upstream Plausible. */
public class IngestConfig {
    /** The upstream events endpoint, e.g. {@code https://plausible.io/api/event}; empty: no forwarding. */
    @JsonProperty
    private String forwardTo = "";

    /** Events waiting for the upstream; beyond it they are dropped (counted), never blocking ingestion. */
    @JsonProperty
    @Min(1)
    @Max(10_000_000)
    private int bufferCapacity = 100_000;

    /** Requests to the upstream open at once, retries waiting included. */
    @JsonProperty
    @Min(1)
    @Max(10_000)
    private int maxInFlight = 64;

    /** Attempts per event (on 5xx, 429, timeouts, connection errors); then it counts as failed. */
    @JsonProperty
    @Min(1)
    @Max(100)
    private int maxAttempts = 8;

    @JsonProperty
    @NotNull
    private Duration firstRetryDelay = Duration.seconds(1);

    @JsonProperty
    @NotNull
    private Duration maxRetryDelay = Duration.seconds(60);

    @JsonProperty
    @NotNull
    private Duration connectTimeout = Duration.seconds(5);

    @JsonProperty
    @NotNull
    private Duration requestTimeout = Duration.seconds(10);

    public boolean forwards() {
        return forwardTo != null && !forwardTo.isBlank();
    }

    public String getForwardTo() {
        return forwardTo;
    }

    public void setForwardTo(String forwardTo) {
        this.forwardTo = forwardTo;
    }

    public int getBufferCapacity() {
        return bufferCapacity;
    }

    public void setBufferCapacity(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getFirstRetryDelay() {
        return firstRetryDelay;
    }

    public void setFirstRetryDelay(Duration firstRetryDelay) {
        this.firstRetryDelay = firstRetryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
