package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * {@code database:} — the embedded PostgreSQL (default), which keeps its data in
 * {@code dataDirectory} and listens on localhost only, or an external one at {@code url}.
 */
public class DatabaseConfig {
    @JsonProperty
    private boolean embedded = true;

    @JsonProperty
    @NotEmpty
    private String dataDirectory = "./data/postgres";

    /** Port of the embedded server; 0 picks a free one at each start. */
    @JsonProperty
    @Min(0)
    @Max(65535)
    private int port = 0;

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

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
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
