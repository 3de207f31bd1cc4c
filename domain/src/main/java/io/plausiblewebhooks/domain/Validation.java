package io.plausiblewebhooks.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects the failures of several fields so that one answer names every invalid field, not only
 * the first. Use: {@code var v = new Validation(); var url = v.check(() -> new WebhookUrl(s));
 * v.throwIfInvalid();}
 */
public final class Validation {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /** Runs the factory; a {@link ValidationException} is recorded and null returned. */
    public <T> T check(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (ValidationException e) {
            e.errors().forEach((field, messages) ->
                    errors.computeIfAbsent(field, f -> new ArrayList<>()).addAll(messages));
            return null;
        }
    }

    public Validation reject(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
