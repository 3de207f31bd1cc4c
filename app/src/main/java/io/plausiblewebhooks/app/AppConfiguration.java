package io.plausiblewebhooks.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.plausiblewebhooks.app.config.AuthConfig;
import io.plausiblewebhooks.app.config.LimitsConfig;
import io.plausiblewebhooks.app.config.DatabaseConfig;
import io.plausiblewebhooks.app.config.DeliveryConfig;
import io.plausiblewebhooks.app.config.IngestConfig;
import io.plausiblewebhooks.app.config.OperationsConfig;
import io.plausiblewebhooks.app.config.RetentionConfig;
import io.plausiblewebhooks.app.config.StatsSourcesConfig;
import io.plausiblewebhooks.app.config.TriggersConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The parsed {@code config.yml}; every section has defaults so that a minimal file runs. */
public class AppConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfig database = new DatabaseConfig();

    @Valid
    @NotNull
    @JsonProperty
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty
    private TriggersConfig triggers = new TriggersConfig();

    @Valid
    @NotNull
    @JsonProperty
    private DeliveryConfig delivery = new DeliveryConfig();

    @Valid
    @NotNull
    @JsonProperty
    private RetentionConfig retention = new RetentionConfig();

    @Valid
    @NotNull
    @JsonProperty
    private OperationsConfig operations = new OperationsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private IngestConfig ingest = new IngestConfig();

    @Valid
    @NotNull
    @JsonProperty
    private LimitsConfig limits = new LimitsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private StatsSourcesConfig statsSources = new StatsSourcesConfig();

    public StatsSourcesConfig getStatsSources() {
        return statsSources;
    }

    public LimitsConfig getLimits() {
        return limits;
    }

    public DatabaseConfig getDatabase() {
        return database;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public TriggersConfig getTriggers() {
        return triggers;
    }

    public DeliveryConfig getDelivery() {
        return delivery;
    }

    public RetentionConfig getRetention() {
        return retention;
    }

    public OperationsConfig getOperations() {
        return operations;
    }

    public IngestConfig getIngest() {
        return ingest;
    }
}
