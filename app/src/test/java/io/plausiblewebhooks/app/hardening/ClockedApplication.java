package io.plausiblewebhooks.app.hardening;

import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application with a clock a test can move forward: the system clock plus an offset, so that
 * time passes normally (retries fall due) and days pass at once when asked. The offset only grows,
 * so nothing the service scheduled ever lies further ahead than it did.
 */
public class ClockedApplication extends PlausibleWebhooksApplication {
    static final ShiftedClock CLOCK = new ShiftedClock();

    @Override
    protected Clock clock() {
        return CLOCK;
    }

    static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        synchronized void advance(Duration by) {
            if (by.isNegative()) {
                throw new IllegalArgumentException("the clock only moves forward");
            }
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
