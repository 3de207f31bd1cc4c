package io.plausiblewebhooks.application.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.plausiblewebhooks.application.port.out.DeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeliveryRetentionTest {
    @Test
    void prunesInBatchesUntilNothingOlderThanTheRetentionIsLeft() {
        DeliveryLog log = mock(DeliveryLog.class);
        Instant now = Instant.parse("2026-02-26T10:00:00Z");
        Instant cutoff = now.minus(Duration.ofDays(30));
        when(log.prune(eq(cutoff), anyInt())).thenReturn(DeliveryRetention.BATCH, 7, 0);

        long deleted = new DeliveryRetention(log, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30)).pruneOnce();

        assertThat(deleted).isEqualTo(DeliveryRetention.BATCH + 7);
        verify(log, times(3)).prune(cutoff, DeliveryRetention.BATCH);
    }
}
