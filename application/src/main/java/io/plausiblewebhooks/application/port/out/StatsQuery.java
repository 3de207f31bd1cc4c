package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Traffic statistics, answered in bulk for many sites at once (one round trip per question, whatever
 * the number of sites). Visitors are distinct visitors; {@code engagement} events are not visits.
 * Windows are [from, to]. Sites without traffic are absent from the answers.
 */
public interface StatsQuery {

    /**
     * The statistics for one trigger check. An implementation may answer from a cache within it and
     * may find some sites' data unavailable ({@link #unavailableSites()}); call {@link #finish()}
     * at the end of the check. The default is this query itself, with every site available.
     */
    default StatsQuery forCheck(Instant now) {
        return this;
    }

    /**
     * Sites whose statistics could not be read in this check (source error, rate limit): they are
     * absent from the answers, and absent here means missing, not zero. Empty by default.
     */
    default Set<SiteId> unavailableSites() {
        return Set.of();
    }

    /** Ends a check started with {@link #forCheck}: records which sources answered. */
    default void finish() {
    }

    /** Distinct visitors in the 5 minutes before {@code now} (Plausible's "current visitors"). */
    default Map<SiteId, Long> currentVisitors(Set<SiteId> sites, Instant now) {
        return visitorsSince(sites, now.minus(java.time.Duration.ofMinutes(5)), now);
    }

    /** Distinct visitors in [from, to]. */
    Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to);

    /**
     * Distinct visitors in the window from {@code from} to the present, {@code now} being the caller's
     * present. Unlike {@link #visitors}, an answer may also count a visitor whose only visit in the
     * window was recorded after {@code now}, while the question was being answered: a window ending
     * now is what a trigger check asks, and a store can answer it without reading the window's events.
     */
    default Map<SiteId, Long> visitorsSince(Set<SiteId> sites, Instant from, Instant now) {
        return visitors(sites, from, now);
    }

    /** Top referrer sources per site (direct traffic left out), most visitors first, ties by name. */
    Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit);

    /** Top page paths per site, most visitors first, ties by name. */
    Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit);

    /** Events named {@code eventName} per query in [query.from, to], by query key; zero counts left out. */
    Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to);

    /**
     * Conversions per goal query (Plausible's matching: event name, or a pageview whose path matches
     * the page pattern) that became visible after the query's watermark and before the returned one.
     * The returned watermark never passes an event that may still become visible (a write not yet
     * committed), so counting window after window counts every conversion exactly once.
     */
    GoalConversions goalConversions(List<ConversionQuery> queries);

    record Count(String name, long visitors) {
        public Count {
            Objects.requireNonNull(name, "name");
        }
    }

    record EventCountQuery(UUID key, SiteId site, String eventName, Instant from) {
        public EventCountQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * @param afterWatermark count from this watermark on; null means nothing was counted yet, then
     *        conversions that happened at or after {@code notBefore} count
     */
    record ConversionQuery(UUID key, SiteId site, Goal goal, Long afterWatermark, Instant notBefore) {
        public ConversionQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(goal, "goal");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /** @param first null when count is 0 */
    record ConversionCount(long count, Instant first, Instant last) {
    }

    /**
     * Every query key has a count (possibly 0); {@code watermark} is where the next count starts,
     * unless {@code watermarks} holds one for the key (a source with watermarks of its own).
     */
    record GoalConversions(Map<UUID, ConversionCount> counts, long watermark, Map<UUID, Long> watermarks) {
        public GoalConversions {
            counts = Map.copyOf(counts);
            watermarks = Map.copyOf(watermarks);
        }

        public GoalConversions(Map<UUID, ConversionCount> counts, long watermark) {
            this(counts, watermark, Map.of());
        }

        public long watermarkOf(UUID key) {
            return watermarks.getOrDefault(key, watermark);
        }
    }
}
