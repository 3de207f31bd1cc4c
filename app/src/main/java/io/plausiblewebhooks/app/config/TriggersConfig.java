package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code triggers:} — the trigger check, the plugins directory and the buffered event writer. */
public class TriggersConfig {
    @JsonProperty
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration checkInterval = Duration.seconds(60);

    @JsonProperty
    @NotNull
    private String pluginsDirectory = "./plugins";

    /** Events are written when this many are waiting… */
    @JsonProperty
    @Min(1)
    @Max(50_000)
    private int eventBatchSize = 2_000;

    /** …or this long after the oldest waiting one arrived. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration eventFlushInterval = Duration.seconds(1);

    /** Events waiting to be written at most; beyond it new events are dropped (and counted). */
    @JsonProperty
    @Min(1_000)
    @Max(10_000_000)
    private int eventQueueCapacity = 200_000;

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public String getPluginsDirectory() {
        return pluginsDirectory;
    }

    public void setPluginsDirectory(String pluginsDirectory) {
        this.pluginsDirectory = pluginsDirectory;
    }

    public int getEventBatchSize() {
        return eventBatchSize;
    }

    public void setEventBatchSize(int eventBatchSize) {
        this.eventBatchSize = eventBatchSize;
    }

    public Duration getEventFlushInterval() {
        return eventFlushInterval;
    }

    public void setEventFlushInterval(Duration eventFlushInterval) {
        this.eventFlushInterval = eventFlushInterval;
    }

    public int getEventQueueCapacity() {
        return eventQueueCapacity;
    }

    public void setEventQueueCapacity(int eventQueueCapacity) {
        this.eventQueueCapacity = eventQueueCapacity;
    }
}
