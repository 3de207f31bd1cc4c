package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** {@code retention:} */
public class RetentionConfig {
    @JsonProperty
    @NotNull
    private Duration deliveries = Duration.days(30);

    @JsonProperty
    @NotNull
    private Duration events = Duration.hours(48);

    public Duration getDeliveries() {
        return deliveries;
    }

    public void setDeliveries(Duration deliveries) {
        this.deliveries = deliveries;
    }

    public Duration getEvents() {
        return events;
    }

    public void setEvents(Duration events) {
        this.events = events;
    }
}
