package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code delivery:} */
public class DeliveryConfig {
    @JsonProperty
    @NotNull
    private Duration connectTimeout = Duration.seconds(5);

    @JsonProperty
    @NotNull
    private Duration requestTimeout = Duration.seconds(10);

    /** The delay before attempt 1, 2, 3, …; the message fails after the last. */
    @JsonProperty
    @NotEmpty
    private List<Duration> retrySchedule = new ArrayList<>(List.of(
            Duration.seconds(0), Duration.seconds(5), Duration.minutes(5), Duration.minutes(30),
            Duration.hours(2), Duration.hours(5), Duration.hours(10), Duration.hours(10)));

    @JsonProperty
    @Min(1)
    @Max(1000)
    private int maxInFlightPerWebhook = 8;

    /** CIDRs exempt from the SSRF guard. */
    @JsonProperty
    @NotNull
    private List<String> allowedNetworks = new ArrayList<>();

    /** A PEM file of extra CA or server certificates to trust; null for none. */
    @JsonProperty
    private String trustedCertificates;

    /** Delivery workers per instance; each claims and sends its own batches. */
    @JsonProperty
    @Min(1)
    @Max(64)
    private int workers = 2;

    /** Messages claimed per statement. */
    @JsonProperty
    @Min(1)
    @Max(10000)
    private int batchSize = 500;

    /** How long a claim holds a message; a crashed instance's claims are taken over after it. */
    @JsonProperty
    @NotNull
    private Duration leaseDuration = Duration.minutes(5);

    /** The longest an idle worker waits before polling again (a full batch re-polls at once). */
    @JsonProperty
    @NotNull
    private Duration pollInterval = Duration.milliseconds(200);

    /** Messages an instance holds at most (claimed, not yet recorded). */
    @JsonProperty
    @Min(1)
    private int maxOutstanding = 4000;

    public int getMaxOutstanding() {
        return maxOutstanding;
    }

    public void setMaxOutstanding(int maxOutstanding) {
        this.maxOutstanding = maxOutstanding;
    }

    /** Pooled connections across all destinations. */
    @JsonProperty
    @Min(1)
    private int maxConnections = 2000;

    /** Pooled connections per host and port, so that a dead host cannot take them all. */
    @JsonProperty
    @Min(1)
    private int maxConnectionsPerDestination = 500;

    public int getMaxConnectionsPerDestination() {
        return maxConnectionsPerDestination;
    }

    public void setMaxConnectionsPerDestination(int maxConnectionsPerDestination) {
        this.maxConnectionsPerDestination = maxConnectionsPerDestination;
    }

    /** HttpClient I/O reactor threads. */
    @JsonProperty
    @Min(1)
    @Max(64)
    private int ioThreads = 2;

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
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

    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = retrySchedule;
    }

    public int getMaxInFlightPerWebhook() {
        return maxInFlightPerWebhook;
    }

    public void setMaxInFlightPerWebhook(int maxInFlightPerWebhook) {
        this.maxInFlightPerWebhook = maxInFlightPerWebhook;
    }

    public List<String> getAllowedNetworks() {
        return allowedNetworks;
    }

    public void setAllowedNetworks(List<String> allowedNetworks) {
        this.allowedNetworks = allowedNetworks;
    }

    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(String trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }
}
