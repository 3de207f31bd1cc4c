package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record ApiKeyId(UUID value) {
    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static ApiKeyId parse(String text) {
        return new ApiKeyId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
