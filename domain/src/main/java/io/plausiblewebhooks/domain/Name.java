package io.plausiblewebhooks.domain;

/** A display name of an account, API key or webhook: 1–255 characters, not blank, no control characters. */
public record Name(String value) {
    public static final int MAX_LENGTH = 255;

    public Name {
        if (value == null || value.isBlank()) {
            throw new ValidationException("name", "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new ValidationException("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasControlCharacter(value)) {
            throw new ValidationException("name", "must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
