package io.plausiblewebhooks.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invalid input, with the messages per field (snake_case, as in the public API). Thrown by the
 * validating constructors of value objects and by use cases; the REST adapter answers 422.
 */
public class ValidationException extends RuntimeException {
    private final Map<String, List<String>> errors;

    public ValidationException(String field, String message) {
        this(Map.of(field, List.of(message)));
    }

    public ValidationException(Map<String, List<String>> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field");
        }
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, messages) -> {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(field).append(": ").append(String.join(", ", messages));
        });
        return text.toString();
    }
}
