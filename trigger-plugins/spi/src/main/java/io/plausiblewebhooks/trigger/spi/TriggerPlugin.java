package io.plausiblewebhooks.trigger.spi;

import java.util.List;

/**
 * A trigger type. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.plausiblewebhooks.trigger.spi.TriggerPlugin}), on the class path and
 * in the jars of the plugins directory. Implementations must be stateless and thread-safe.
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
}
