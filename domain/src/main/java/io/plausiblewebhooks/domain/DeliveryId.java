package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record DeliveryId(UUID value) {
    public DeliveryId {
        Objects.requireNonNull(value, "value");
    }

    public static DeliveryId random() {
        return new DeliveryId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static DeliveryId parse(String text) {
        return new DeliveryId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
