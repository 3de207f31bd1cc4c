package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record GoalId(UUID value) {
    public GoalId {
        Objects.requireNonNull(value, "value");
    }

    public static GoalId random() {
        return new GoalId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static GoalId parse(String text) {
        return new GoalId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
