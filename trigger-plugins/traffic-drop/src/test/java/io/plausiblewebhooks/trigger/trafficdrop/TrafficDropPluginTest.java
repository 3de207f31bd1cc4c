package io.plausiblewebhooks.trigger.trafficdrop;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.SiteRef;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import io.plausiblewebhooks.trigger.spi.testing.InMemoryStatsView;
import io.plausiblewebhooks.trigger.spi.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrafficDropPluginTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00Z"));
    private final InMemoryStatsView stats = new InMemoryStatsView(clock);
    private final TrafficDropPlugin plugin = new TrafficDropPlugin();
    private final UUID site = UUID.randomUUID();

    @Test
    void firesWhenVisitorsOfTheLastTwelveHoursAreBelowThreshold() {
        stats.pageview(site, 1, "/", null).pageview(site, 2, "/", null);

        List<Firing> firings = plugin.evaluate(List.of(trigger(3)), stats);

        assertThat(firings).hasSize(1);
        assertThat(firings.get(0).data()).isEqualTo(Map.of("visitors_12h", 2L, "threshold", 3));
        assertThat(List.copyOf(firings.get(0).data().keySet())).containsExactly("visitors_12h", "threshold");
    }

    @Test
    void aSiteWhoseStatsAreMissingHasNotDropped() {
        stats.markUnavailable(site);

        assertThat(plugin.evaluate(List.of(trigger(3)), stats)).isEmpty();
    }

    @Test
    void staysQuietAtOrAboveThreshold() {
        stats.pageview(site, 1, "/", null).pageview(site, 2, "/", null).pageview(site, 3, "/", null);

        assertThat(plugin.evaluate(List.of(trigger(3)), stats)).isEmpty();
    }

    @Test
    void visitsOlderThanTwelveHoursDoNotCount() {
        stats.pageview(site, 1, "/", null).pageview(site, 2, "/", null);
        clock.advance(Duration.ofHours(12).plusSeconds(1));
        stats.pageview(site, 3, "/", null);

        List<Firing> firings = plugin.evaluate(List.of(trigger(2)), stats);

        assertThat(firings).singleElement().satisfies(f -> assertThat(f.data().get("visitors_12h")).isEqualTo(1L));
    }

    @Test
    void aSiteWithoutAnyTrafficHasDropped() {
        assertThat(plugin.evaluate(List.of(trigger(1)), stats))
                .singleElement().satisfies(f -> assertThat(f.data().get("visitors_12h")).isEqualTo(0L));
    }

    @Test
    void cooldownIsTwelveHoursByDefault() {
        assertThat(plugin.cooldown(new TriggerConfig(1, null, Map.of()))).isEqualTo(Duration.ofHours(12));
        assertThat(plugin.cooldown(new TriggerConfig(1, null, Map.of("cooldown_minutes", 90)))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void requiresAPositiveThreshold() {
        assertThat(plugin.validate(new TriggerConfig(null, null, Map.of()))).extracting(ValidationError::field).containsExactly("threshold");
        assertThat(plugin.validate(new TriggerConfig(-2, null, Map.of()))).extracting(ValidationError::field).containsExactly("threshold");
        assertThat(plugin.validate(new TriggerConfig(10, null, Map.of()))).isEmpty();
    }

    private CheckedTrigger trigger(int threshold) {
        return new CheckedTrigger(UUID.randomUUID(), new SiteRef(site, "example.com"),
                new TriggerConfig(threshold, null, Map.of()), null, clock.instant(), null, null);
    }
}
