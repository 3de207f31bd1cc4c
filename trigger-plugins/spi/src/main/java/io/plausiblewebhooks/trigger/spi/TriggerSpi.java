package io.plausiblewebhooks.trigger.spi;

/** The version of this SPI. A plugin returns it from {@link TriggerPlugin#spiVersion()}, compiled in. */
public final class TriggerSpi {
    /**
     * Raised only for incompatible changes; new capabilities arrive as default methods. The host
     * loads plugins compiled against exactly this version and reports the others.
     */
    public static final int VERSION = 1;

    private TriggerSpi() {
    }

    /** Whether a plugin that reports {@code pluginSpiVersion} can run on this host. */
    public static boolean isCompatible(int pluginSpiVersion) {
        return pluginSpiVersion == VERSION;
    }
}
