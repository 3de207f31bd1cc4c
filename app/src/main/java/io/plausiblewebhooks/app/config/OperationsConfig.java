package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** {@code operations:} — what the admin port reports and when it calls the service unhealthy. */
public class OperationsConfig {
    /** The health check "queue-lag" fails while the most overdue message has waited longer than this. */
    @JsonProperty
    @NotNull
    private Duration maxQueueLag = Duration.minutes(5);

    /** Queue figures are read from PostgreSQL at most this often, however often Prometheus scrapes. */
    @JsonProperty
    @NotNull
    private Duration queueStatisticsMaxAge = Duration.seconds(5);

    public Duration getMaxQueueLag() {
        return maxQueueLag;
    }

    public void setMaxQueueLag(Duration maxQueueLag) {
        this.maxQueueLag = maxQueueLag;
    }

    public Duration getQueueStatisticsMaxAge() {
        return queueStatisticsMaxAge;
    }

    public void setQueueStatisticsMaxAge(Duration queueStatisticsMaxAge) {
        this.queueStatisticsMaxAge = queueStatisticsMaxAge;
    }
}
