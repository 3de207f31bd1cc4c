package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** {@code operations:} — this instance's name, what the admin port reports and when it calls the service unhealthy. */
public class OperationsConfig {
    /**
     * This instance's id, unique among the instances sharing the database (lease owner, admin
     * {@code /info}); empty: {@code <host>-<pid>-<random>}, new at every start.
     */
    @JsonProperty
    private String nodeId;

    /** The health check "queue-lag" fails while the most overdue message has waited longer than this. */
    @JsonProperty
    @NotNull
    private Duration maxQueueLag = Duration.minutes(5);

    /** Queue figures are read from PostgreSQL at most this often, however often Prometheus scrapes. */
    @JsonProperty
    @NotNull
    private Duration queueStatisticsMaxAge = Duration.seconds(5);

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

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
