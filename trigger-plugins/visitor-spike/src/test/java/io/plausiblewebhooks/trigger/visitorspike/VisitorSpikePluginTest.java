package io.plausiblewebhooks.trigger.visitorspike;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VisitorSpikePluginTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00Z"));
    private final InMemoryStatsView stats = new InMemoryStatsView(clock);
    private final VisitorSpikePlugin plugin = new VisitorSpikePlugin();
    private final UUID site = UUID.randomUUID();

    @Test
    void firesWhenCurrentVisitorsReachThresholdWithTopSourcesAndPages() {
        stats.pageview(site, 1, "/pricing", "Google");
        stats.pageview(site, 2, "/pricing", "Google");
        stats.pageview(site, 3, "/", null);
        stats.pageview(site, 3, "/docs", "Twitter");

        CheckedTrigger trigger = trigger(site, 3, Map.of());
        List<Firing> firings = plugin.evaluate(List.of(trigger), stats);

        assertThat(firings).hasSize(1);
        Firing firing = firings.get(0);
        assertThat(firing.triggerId()).isEqualTo(trigger.id());
        assertThat(firing.watermark()).isNull();
        assertThat(firing.data()).containsOnlyKeys("current_visitors", "top_sources", "top_pages");
        assertThat(firing.data().get("current_visitors")).isEqualTo(3L);
        assertThat(firing.data().get("top_sources")).isEqualTo(List.of(
                Map.of("name", "Google", "visitors", 2L), Map.of("name", "Twitter", "visitors", 1L)));
        assertThat(firing.data().get("top_pages")).isEqualTo(List.of(
                Map.of("name", "/pricing", "visitors", 2L), Map.of("name", "/", "visitors", 1L),
                Map.of("name", "/docs", "visitors", 1L)));
        assertThat(List.copyOf(firing.data().keySet())).containsExactly("current_visitors", "top_sources", "top_pages");
    }

    @Test
    void staysQuietBelowThreshold() {
        stats.pageview(site, 1, "/", null);
        stats.pageview(site, 2, "/", null);

        assertThat(plugin.evaluate(List.of(trigger(site, 3, Map.of())), stats)).isEmpty();
    }

    @Test
    void countsDistinctVisitorsOnly() {
        IntStream.range(0, 10).forEach(i -> stats.pageview(site, 7, "/page" + i, null));

        assertThat(plugin.evaluate(List.of(trigger(site, 2, Map.of())), stats)).isEmpty();
    }

    @Test
    void ignoresEngagementEventsAndVisitsOlderThanFiveMinutes() {
        stats.pageview(site, 1, "/", null);           // 5 min 1 s before the check: too old
        clock.advance(Duration.ofSeconds(1));
        stats.pageview(site, 2, "/", null);           // exactly 5 min before the check: counts
        stats.event(site, 3, "engagement");
        clock.advance(Duration.ofMinutes(5));

        assertThat(plugin.evaluate(List.of(trigger(site, 2, Map.of())), stats)).isEmpty();
        assertThat(plugin.evaluate(List.of(trigger(site, 1, Map.of())), stats)).hasSize(1);
    }

    @Test
    void firesOnlyForSitesOverTheirOwnThreshold() {
        UUID quietSite = UUID.randomUUID();
        stats.pageview(site, 1, "/", null).pageview(site, 2, "/", null).pageview(quietSite, 3, "/", null);

        CheckedTrigger busy = trigger(site, 2, Map.of());
        CheckedTrigger quiet = trigger(quietSite, 2, Map.of());
        CheckedTrigger lowBar = trigger(quietSite, 1, Map.of());

        assertThat(plugin.evaluate(List.of(busy, quiet, lowBar), stats))
                .extracting(Firing::triggerId).containsExactlyInAnyOrder(busy.id(), lowBar.id());
    }

    @Test
    void asksAFixedNumberOfBulkQuestionsWhateverTheBatchSize() {
        List<CheckedTrigger> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            UUID s = UUID.randomUUID();
            stats.pageview(s, i, "/", "Google");
            batch.add(trigger(s, 1, Map.of()));
        }

        assertThat(plugin.evaluate(batch, stats)).hasSize(500);
        assertThat(stats.queries()).isEqualTo(3);
    }

    @Test
    void cooldownIsTwelveHoursUnlessTheTriggerSaysOtherwise() {
        assertThat(plugin.cooldown(new TriggerConfig(5, null, Map.of()))).isEqualTo(Duration.ofHours(12));
        assertThat(plugin.cooldown(new TriggerConfig(5, null, Map.of("cooldown_minutes", 30)))).isEqualTo(Duration.ofMinutes(30));
        assertThat(plugin.cooldown(new TriggerConfig(5, null, Map.of("cooldown_minutes", 0)))).isEqualTo(Duration.ZERO);
    }

    @Test
    void acceptsAPositiveThresholdAndAValidCooldown() {
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("cooldown_minutes", 60)))).isEmpty();
    }

    @Test
    void rejectsMissingOrNonPositiveThreshold() {
        assertThat(plugin.validate(new TriggerConfig(null, null, Map.of()))).extracting(ValidationError::field).containsExactly("threshold");
        assertThat(plugin.validate(new TriggerConfig(0, null, Map.of()))).extracting(ValidationError::field).containsExactly("threshold");
    }

    @Test
    void rejectsCooldownThatIsNotAWholeNumberInRangeAndUnknownParams() {
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("cooldown_minutes", "soon"))))
                .extracting(ValidationError::field).containsExactly("params.cooldown_minutes");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("cooldown_minutes", -1))))
                .extracting(ValidationError::field).containsExactly("params.cooldown_minutes");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("cooldown_minutes", 1.5))))
                .extracting(ValidationError::field).containsExactly("params.cooldown_minutes");
        assertThat(plugin.validate(new TriggerConfig(1, null, Map.of("colour", "red"))))
                .extracting(ValidationError::field).containsExactly("params.colour");
    }

    private CheckedTrigger trigger(UUID siteId, int threshold, Map<String, Object> params) {
        return new CheckedTrigger(UUID.randomUUID(), new SiteRef(siteId, "example.com"),
                new TriggerConfig(threshold, null, params), null, clock.instant().minus(Duration.ofDays(1)), null, null);
    }
}
