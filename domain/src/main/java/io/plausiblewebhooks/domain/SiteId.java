package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record SiteId(UUID value) {
    public SiteId {
        Objects.requireNonNull(value, "value");
    }

    public static SiteId random() {
        return new SiteId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static SiteId parse(String text) {
        return new SiteId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
