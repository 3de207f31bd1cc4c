package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code auth:} */
public class AuthConfig {
    /** An admin key created at start if absent; empty means none. */
    @JsonProperty
    private String bootstrapApiKey = "";

    /**
     * Base64 of 32 bytes (AES-256) that encrypts webhook secrets at rest. Required when
     * {@code database.embedded} is false; with the embedded database an empty value means a key
     * generated once next to the data directory.
     */
    @JsonProperty
    private String secretEncryptionKey = "";

    /** Keys used before a rotation: only read with; secrets are re-encrypted under the current key at start. */
    @JsonProperty
    @NotNull
    private List<String> previousSecretEncryptionKeys = new ArrayList<>();

    public String getSecretEncryptionKey() {
        return secretEncryptionKey;
    }

    public void setSecretEncryptionKey(String secretEncryptionKey) {
        this.secretEncryptionKey = secretEncryptionKey;
    }

    public List<String> getPreviousSecretEncryptionKeys() {
        return previousSecretEncryptionKeys;
    }

    public void setPreviousSecretEncryptionKeys(List<String> previousSecretEncryptionKeys) {
        this.previousSecretEncryptionKeys = previousSecretEncryptionKeys;
    }

    public String getBootstrapApiKey() {
        return bootstrapApiKey;
    }

    public void setBootstrapApiKey(String bootstrapApiKey) {
        this.bootstrapApiKey = bootstrapApiKey;
    }

    @Override
    public String toString() {
        return "AuthConfig[bootstrapApiKey=redacted, secretEncryptionKey=redacted]";
    }
}
