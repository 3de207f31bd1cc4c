package io.plausiblewebhooks.trigger.spi;

/** The version of this SPI. A plugin returns it from {@link TriggerPlugin#spiVersion()}, compiled in. */
public final class TriggerSpi {
    /** Raised only for incompatible changes; new capabilities arrive as default methods. */
    public static final int VERSION = 1;

    private TriggerSpi() {
    }
}
