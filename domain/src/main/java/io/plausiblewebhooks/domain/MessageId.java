package io.plausiblewebhooks.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one webhook message: the same on every attempt and redelivery. Its external form
 * {@code msg_<32 hex>} is the Standard Webhooks {@code webhook-id} and the payload's {@code id}.
 */
public record MessageId(UUID value) {
    private static final String PREFIX = "msg_";

    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    /** Accepts the external form and a plain UUID. @throws IllegalArgumentException otherwise */
    public static MessageId parse(String text) {
        if (text != null && text.startsWith(PREFIX) && text.length() == PREFIX.length() + 32) {
            String hex = text.substring(PREFIX.length());
            String dashed = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                    + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
            return new MessageId(Uuids.parse(dashed));
        }
        return new MessageId(Uuids.parse(text));
    }

    public String external() {
        return PREFIX + value.toString().replace("-", "");
    }

    @Override
    public String toString() {
        return external();
    }
}
