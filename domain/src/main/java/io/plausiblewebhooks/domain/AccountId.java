package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static AccountId parse(String text) {
        return new AccountId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
