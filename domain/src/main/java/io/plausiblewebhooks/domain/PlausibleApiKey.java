package io.plausiblewebhooks.domain;

/**
 * A Plausible Stats API key (sent as {@code Authorization: Bearer}). Printable ASCII without spaces,
 * 16–512 characters. {@code toString()} never reveals it.
 */
public record PlausibleApiKey(String value) {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 512;

    public PlausibleApiKey {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new ValidationException("stats_source.api_key",
                    "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ValidationException("stats_source.api_key", "must be printable ASCII without spaces");
        }
    }

    @Override
    public String toString() {
        return "PlausibleApiKey[redacted]";
    }
}
