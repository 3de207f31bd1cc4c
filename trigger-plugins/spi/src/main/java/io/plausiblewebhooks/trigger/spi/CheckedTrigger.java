package io.plausiblewebhooks.trigger.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One trigger as the host hands it to {@link TriggerPlugin#evaluate}.
 *
 * @param goal the trigger's goal, null when it has none
 * @param insertedAt when the trigger was created
 * @param lastFiredAt when it last fired, null if never
 * @param watermark the opaque position up to which the host already counted conversions for this
 *        trigger (see {@link StatsView#goalConversions}); null if none yet
 */
public record CheckedTrigger(
        UUID id,
        SiteRef site,
        TriggerConfig config,
        GoalRef goal,
        Instant insertedAt,
        Instant lastFiredAt,
        Long watermark) {

    public CheckedTrigger {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(insertedAt, "insertedAt");
    }

    /** The threshold, or the given default when the trigger has none. */
    public int thresholdOr(int defaultValue) {
        return config.threshold() == null ? defaultValue : config.threshold();
    }
}
