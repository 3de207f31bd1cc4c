package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** {@code database:} — the embedded PostgreSQL (default) or an external one. */
public class DatabaseConfig {
    @JsonProperty
    private boolean embedded = true;

    @JsonProperty
    @NotEmpty
    private String dataDirectory = "./data/postgres";

    @JsonProperty
    @NotEmpty
    private String url = "jdbc:postgresql://localhost:5432/webhooks";

    @JsonProperty
    private String user = "webhooks";

    @JsonProperty
    private String password = "";

    /** Connections in the pool. */
    @JsonProperty
    @Min(2)
    @Max(500)
    private int maxConnections = 32;

    public boolean isEmbedded() {
        return embedded;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public String getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }
}
