package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record TriggerId(UUID value) {
    public TriggerId {
        Objects.requireNonNull(value, "value");
    }

    public static TriggerId random() {
        return new TriggerId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static TriggerId parse(String text) {
        return new TriggerId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
