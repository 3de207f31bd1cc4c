package io.plausiblewebhooks.trigger.spi;

import java.util.Objects;

/** A rejected parameter: the API field name and a message for the user. */
public record ValidationError(String field, String message) {
    public ValidationError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
