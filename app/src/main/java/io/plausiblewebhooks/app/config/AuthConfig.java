package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code auth:} */
public class AuthConfig {
    /** An admin key created at start if absent; empty means none. */
    @JsonProperty
    private String bootstrapApiKey = "";

    public String getBootstrapApiKey() {
        return bootstrapApiKey;
    }

    public void setBootstrapApiKey(String bootstrapApiKey) {
        this.bootstrapApiKey = bootstrapApiKey;
    }

    @Override
    public String toString() {
        return "AuthConfig[bootstrapApiKey=redacted]";
    }
}
