package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Validation;
import java.util.function.Function;

/**
 * Turns raw API input into value objects while collecting every field's failure, so that one answer
 * names all invalid fields. Used by the {@code from(...)} factories of the commands.
 */
public final class CommandInput {
    private final Validation validation = new Validation();

    /** The value object, or null after recording "is required" / the value object's own failure. */
    public <R, T> T required(String field, R raw, Function<R, T> factory) {
        if (raw == null) {
            validation.reject(field, "is required");
            return null;
        }
        return validation.check(() -> factory.apply(raw));
    }

    /** Null when absent; otherwise the value object, or null after recording its failure. */
    public <R, T> T optional(R raw, Function<R, T> factory) {
        if (raw == null) {
            return null;
        }
        return validation.check(() -> factory.apply(raw));
    }

    /** Like {@link #optional} for ids: text that is not a UUID is rejected on {@code field}. */
    public <T> T optionalId(String field, String raw, Function<String, T> parser) {
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException notUuid) {
            validation.reject(field, "must be a UUID");
            return null;
        }
    }

    public CommandInput reject(String field, String message) {
        validation.reject(field, message);
        return this;
    }

    public boolean hasError(String field) {
        return validation.hasError(field);
    }

    /** @throws io.plausiblewebhooks.domain.ValidationException naming every rejected field */
    public void throwIfInvalid() {
        validation.throwIfInvalid();
    }
}
