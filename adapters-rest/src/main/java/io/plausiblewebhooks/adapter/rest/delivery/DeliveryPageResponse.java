package io.plausiblewebhooks.adapter.rest.delivery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.application.port.in.DeliveryPage;
import java.util.List;

/** {@code {data: [delivery], next_cursor}}; next_cursor is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryPageResponse(List<DeliveryResponse> data, String nextCursor) {
    public static DeliveryPageResponse of(DeliveryPage page) {
        return new DeliveryPageResponse(page.deliveries().stream().map(DeliveryResponse::of).toList(),
                page.nextCursor() == null ? null : page.nextCursor().external());
    }
}
