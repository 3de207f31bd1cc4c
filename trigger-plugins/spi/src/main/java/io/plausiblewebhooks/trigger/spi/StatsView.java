package io.plausiblewebhooks.trigger.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The traffic statistics a plugin decides on. Every method answers for many sites (or queries) at
 * once; sites without traffic are absent from the answer maps (read them with
 * {@code getOrDefault(site, 0L)}). Visitors are distinct visitors; {@code engagement} events never
 * count as visits.
 */
public interface StatsView {

    /** The time of this check; windows end here. */
    Instant now();

    /** Distinct visitors in the last 5 minutes, per site (Plausible's "current visitors"). */
    Map<UUID, Long> currentVisitors(Set<UUID> siteIds);

    /** Distinct visitors in the window ending now, per site. */
    Map<UUID, Long> visitors(Set<UUID> siteIds, Duration window);

    /** The top sources (from the referrer; direct traffic left out) in the window, most visitors first. */
    Map<UUID, List<NamedCount>> topSources(Set<UUID> siteIds, Duration window, int limit);

    /** The top pages (URL paths) in the window, most visitors first. */
    Map<UUID, List<NamedCount>> topPages(Set<UUID> siteIds, Duration window, int limit);

    /** How many events of the given name each query's site had in its window, by {@link EventCountQuery#key()}. */
    Map<UUID, Long> eventCounts(Collection<EventCountQuery> queries);

    /**
     * Conversions of each query's goal that arrived after the query's watermark, by
     * {@link ConversionQuery#key()}; every query gets an answer. Each conversion is counted in
     * exactly one window of consecutive watermarks, even if it was stored late: store
     * {@link Conversions#watermark()} with the firing (via {@link Firing#watermark()}) and pass it back
     * next time.
     */
    Map<UUID, Conversions> goalConversions(Collection<ConversionQuery> queries);

    /**
     * Sites whose statistics could not be read in this check (their source failed or is rate
     * limited). They are absent from every answer, and there absent means <em>missing</em>, not zero:
     * the host never fires a trigger of such a site in this check, whatever the plugin returns, and a
     * plugin that reads absence as zero (such as "traffic dropped") should skip them. Call it after
     * asking for the data. Empty by default, so plugins built before it keep working.
     */
    default Set<UUID> unavailableSites() {
        return Set.of();
    }

    /** A name (source, page) with its distinct visitors. */
    record NamedCount(String name, long visitors) {
        public NamedCount {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Count events named {@code eventName} on the site in the {@code window} ending now. */
    record EventCountQuery(UUID key, UUID siteId, String eventName, Duration window) {
        public EventCountQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * Count conversions of {@code goal} on the site after {@code afterWatermark}; when that is null
     * (nothing counted yet), those that happened at or after {@code notBefore}.
     */
    record ConversionQuery(UUID key, UUID siteId, GoalRef goal, Long afterWatermark, Instant notBefore) {
        public ConversionQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(goal, "goal");
            Objects.requireNonNull(notBefore, "notBefore");
        }

        /** The query for a trigger's goal from where its watermark stands. */
        public static ConversionQuery forTrigger(CheckedTrigger trigger) {
            return new ConversionQuery(trigger.id(), trigger.site().id(), trigger.goal(),
                    trigger.watermark(), trigger.insertedAt());
        }
    }

    /**
     * @param count conversions counted
     * @param first time of the earliest counted conversion, null when none
     * @param last time of the latest counted conversion, null when none
     * @param watermark where the next count must start if these are taken
     */
    record Conversions(long count, Instant first, Instant last, long watermark) {
    }
}
