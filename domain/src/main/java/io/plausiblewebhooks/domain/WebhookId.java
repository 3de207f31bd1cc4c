package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

public record WebhookId(UUID value) {
    public WebhookId {
        Objects.requireNonNull(value, "value");
    }

    public static WebhookId random() {
        return new WebhookId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static WebhookId parse(String text) {
        return new WebhookId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
