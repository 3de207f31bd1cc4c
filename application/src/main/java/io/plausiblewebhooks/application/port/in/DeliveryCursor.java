package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in a delivery log: the (inserted_at, id) of the last delivery of a page. Its external
 * form is opaque (URL-safe base64), so clients pass back what they got and nothing else.
 */
public record DeliveryCursor(Instant insertedAt, DeliveryId id) {
    public DeliveryCursor {
        Objects.requireNonNull(insertedAt, "insertedAt");
        Objects.requireNonNull(id, "id");
    }

    /** @throws ValidationException (field {@code cursor}) when the text is not a cursor this service gave out */
    public static DeliveryCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            String[] seconds = decoded.substring(0, bar).split("\\.", 2);
            Instant at = Instant.ofEpochSecond(Long.parseLong(seconds[0]), Long.parseLong(seconds[1]));
            return new DeliveryCursor(at, DeliveryId.parse(decoded.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor from a previous page");
        }
    }

    public String external() {
        String text = insertedAt.getEpochSecond() + "." + insertedAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
