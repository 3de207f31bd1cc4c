package io.plausiblewebhooks.trigger.spi;

import java.time.Duration;
import java.util.List;

/**
 * A trigger type. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.plausiblewebhooks.trigger.spi.TriggerPlugin}), on the class path and
 * in the jars of the plugins directory. Implementations must be stateless and thread-safe, and need a
 * public no-argument constructor.
 *
 * <p>The host owns everything around the decision: it loads the enabled triggers of a type, leaves out
 * those still in their {@link #cooldown cooldown}, hands the rest to {@link #evaluate} in one batch,
 * and for each returned {@link Firing} records the firing and enqueues the webhook message in one
 * transaction. New capabilities arrive as {@code default} methods so that older plugins keep loading.
 */
public interface TriggerPlugin {

    /** The type name used in the API, e.g. {@code visitor_spike}: lower case, digits, underscores. */
    String type();

    /** One sentence for {@code GET /api/v1/trigger-types}. */
    String description();

    /** The plugin's own version. */
    String version();

    /**
     * The SPI version the plugin was compiled against: implement as {@code return TriggerSpi.VERSION;}
     * so that the constant is compiled into the plugin and the host can check it.
     */
    int spiVersion();

    /** The parameters the type takes: {@code threshold}, {@code goal_id} and entries of {@code params}. */
    List<ParamSpec> params();

    /**
     * Checks a trigger's configuration. Field names are those of the API: {@code threshold},
     * {@code goal_id}, or {@code params.<name>}. An empty list means valid. Whether a goal belongs to
     * the trigger's site is checked by the host.
     */
    List<ValidationError> validate(TriggerConfig config);

    /**
     * Decides which triggers of a batch fire now. The batch holds only valid, enabled triggers of
     * this type whose cooldown is over. Ask the stats view once for the whole batch (it answers for
     * many sites at once), never once per trigger.
     *
     * @return one firing per trigger that fires; triggers that do not fire are simply left out
     */
    List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats);

    /**
     * How long a trigger stays silent after it fired; the host enforces it (a trigger is not even
     * evaluated before {@code lastFiredAt + cooldown}). {@link Duration#ZERO}, the default, means the
     * trigger may fire on every check.
     */
    default Duration cooldown(TriggerConfig config) {
        return Duration.ZERO;
    }
}
