package io.plausiblewebhooks.trigger.eventburst;

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

class EventBurstPluginTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00Z"));
    private final InMemoryStatsView stats = new InMemoryStatsView(clock);
    private final EventBurstPlugin plugin = new EventBurstPlugin();
    private final UUID site = UUID.randomUUID();

    @Test
    void firesWhenTheEventOccurredThresholdTimesInTheWindow() {
        stats.event(site, 1, "Signup").event(site, 1, "Signup").event(site, 2, "Signup").event(site, 3, "Other");

        List<Firing> firings = plugin.evaluate(List.of(trigger(3, 10)), stats);

        assertThat(firings).singleElement().satisfies(f -> assertThat(f.data())
                .isEqualTo(Map.of("event_name", "Signup", "count", 3L, "window_minutes", 10L)));
    }

    @Test
    void eventsOutsideTheWindowDoNotCount() {
        stats.event(site, 1, "Signup").event(site, 2, "Signup");
        clock.advance(Duration.ofMinutes(11));
        stats.event(site, 3, "Signup");

        assertThat(plugin.evaluate(List.of(trigger(2, 10)), stats)).isEmpty();
    }

    @Test
    void cooldownIsOneWindow() {
        assertThat(plugin.cooldown(new TriggerConfig(1, null, Map.of("event_name", "x", "window_minutes", 15))))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(plugin.cooldown(new TriggerConfig(1, null, Map.of("event_name", "x")))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void requiresThresholdAndEventNameAndAValidWindow() {
        assertThat(plugin.validate(new TriggerConfig(null, null, Map.of())))
                .extracting(ValidationError::field).containsExactly("threshold", "params.event_name");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("event_name", 5))))
                .extracting(ValidationError::field).containsExactly("params.event_name");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("event_name", "Signup", "window_minutes", 0))))
                .extracting(ValidationError::field).containsExactly("params.window_minutes");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("event_name", "Signup", "window_minutes", 30)))).isEmpty();
    }

    private CheckedTrigger trigger(int threshold, int windowMinutes) {
        return new CheckedTrigger(UUID.randomUUID(), new SiteRef(site, "example.com"),
                new TriggerConfig(threshold, null, Map.of("event_name", "Signup", "window_minutes", windowMinutes)),
                null, clock.instant(), null, null);
    }
}
