package io.plausiblewebhooks.domain;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook signing secret: 16–255 characters. {@code toString()} never reveals it. Secrets of the
 * form {@code whsec_<base64>} sign with the decoded bytes (Standard Webhooks), others with their
 * UTF-8 bytes.
 */
public record Secret(String value) {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 255;
    private static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Secret {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new ValidationException("secret",
                    "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ValidationException("secret", "must be printable ASCII without spaces");
        }
    }

    /** A new random secret of the Standard Webhooks form: 32 random bytes. */
    public static Secret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new Secret(PREFIX + Base64.getEncoder().encodeToString(bytes));
    }

    /** The HMAC key bytes. */
    public byte[] signingKey() {
        if (value.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // Not a Standard Webhooks secret after all: fall through to the raw bytes.
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
