package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.SiteId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The local store of analytics events that the stats are computed from. */
public interface EventStore {

    /** Writes the events in one round trip. */
    void append(List<NewEvent> events);

    /**
     * Deletes up to {@code limit} events older than {@code cutoff}, and up to as many rows the store
     * derived from them alone; returns how many events.
     */
    int deleteOlderThan(Instant cutoff, int limit);

    /**
     * @param source where the visit came from (a referrer's site or {@code utm_source}); null for direct
     * @param visitorId the keyed hash that identifies the visitor for the day; never the IP or user agent
     */
    record NewEvent(SiteId site, Instant timestamp, String name, String pathname, String source, long visitorId,
                    Map<String, Object> props, BigDecimal revenueAmount, String revenueCurrency) {
        public NewEvent {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pathname, "pathname");
            props = props == null ? Map.of() : props;
        }
    }
}
