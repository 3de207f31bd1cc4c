package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** {@code limits:} how much one account may ask of the service. */
public class LimitsConfig {
    /** Sustained API requests per second per account (token bucket refill rate). */
    @JsonProperty
    @Min(1)
    private int requestsPerSecond = 20;

    /** Requests an account may make at once before the sustained rate applies (bucket size). */
    @JsonProperty
    @Min(1)
    private int burst = 100;

    @JsonProperty
    @Min(1)
    private int webhooksPerSite = 100;

    @JsonProperty
    @Min(1)
    private int triggersPerWebhook = 50;

    public int getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public int getBurst() {
        return burst;
    }

    public void setBurst(int burst) {
        this.burst = burst;
    }

    public int getWebhooksPerSite() {
        return webhooksPerSite;
    }

    public void setWebhooksPerSite(int webhooksPerSite) {
        this.webhooksPerSite = webhooksPerSite;
    }

    public int getTriggersPerWebhook() {
        return triggersPerWebhook;
    }

    public void setTriggersPerWebhook(int triggersPerWebhook) {
        this.triggersPerWebhook = triggersPerWebhook;
    }
}
