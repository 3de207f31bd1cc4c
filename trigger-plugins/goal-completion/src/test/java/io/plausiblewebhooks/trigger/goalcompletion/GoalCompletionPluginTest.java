package io.plausiblewebhooks.trigger.goalcompletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.GoalRef;
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

class GoalCompletionPluginTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00Z"));
    private final InMemoryStatsView stats = new InMemoryStatsView(clock);
    private final GoalCompletionPlugin plugin = new GoalCompletionPlugin();
    private final UUID site = UUID.randomUUID();
    private final GoalRef signup = new GoalRef(UUID.randomUUID(), "Signup", null, "Signup");

    @Test
    void firesWithTheNewConversionsAndItsWindow() {
        CheckedTrigger trigger = trigger(signup, null, null);
        clock.advance(Duration.ofMinutes(1));
        stats.event(site, 1, "Signup");
        clock.advance(Duration.ofMinutes(1));
        stats.event(site, 2, "Signup").event(site, 3, "Other");

        List<Firing> firings = plugin.evaluate(List.of(trigger), stats);

        assertThat(firings).hasSize(1);
        Map<String, Object> data = firings.get(0).data();
        assertThat(List.copyOf(data.keySet())).containsExactly("goal", "completions", "window");
        assertThat(data.get("completions")).isEqualTo(2L);
        Map<?, ?> goal = (Map<?, ?>) data.get("goal");
        assertThat(goal.get("id")).isEqualTo(signup.id().toString());
        assertThat(goal.get("display_name")).isEqualTo("Signup");
        assertThat(goal.get("event_name")).isEqualTo("Signup");
        assertThat(goal.containsKey("page_path")).isTrue();
        assertThat(goal.get("page_path")).isNull();
        assertThat(data.get("window")).isEqualTo(Map.of("from", "2026-02-26T10:01:00Z", "to", "2026-02-26T10:02:00Z"));
        assertThat(firings.get(0).watermark()).isNotNull();
    }

    @Test
    void countsEachConversionOnceAcrossChecks() {
        CheckedTrigger trigger = trigger(signup, null, null);
        stats.event(site, 1, "Signup").event(site, 2, "Signup");
        Firing first = plugin.evaluate(List.of(trigger), stats).get(0);
        assertThat(first.data().get("completions")).isEqualTo(2L);

        CheckedTrigger afterFiring = trigger(signup, null, first.watermark());
        assertThat(plugin.evaluate(List.of(afterFiring), stats)).isEmpty();

        stats.event(site, 3, "Signup");
        Firing second = plugin.evaluate(List.of(afterFiring), stats).get(0);
        assertThat(second.data().get("completions")).isEqualTo(1L);
    }

    @Test
    void aLateConversionIsCountedOnceAfterItCommits() {
        CheckedTrigger trigger = trigger(signup, null, null);
        long late = stats.addUncommitted(site, clock.instant(), "Signup", "/", 1);  // written first, commits last
        stats.event(site, 2, "Signup");

        // The in-flight conversion holds the watermark back, so the committed one after it waits too.
        assertThat(plugin.evaluate(List.of(trigger), stats)).isEmpty();

        stats.commit(late);
        Firing firing = plugin.evaluate(List.of(trigger), stats).get(0);
        assertThat(firing.data().get("completions")).isEqualTo(2L);
        assertThat(plugin.evaluate(List.of(trigger(signup, null, firing.watermark())), stats)).isEmpty();
    }

    @Test
    void aConversionCommittedAfterTheWatermarkMovedIsCountedInTheNextFiring() {
        stats.event(site, 1, "Signup");
        Firing first = plugin.evaluate(List.of(trigger(signup, null, null)), stats).get(0);
        long late = stats.addUncommitted(site, clock.instant().minusSeconds(30), "Signup", "/", 2);
        stats.event(site, 3, "Signup");
        CheckedTrigger afterFirst = trigger(signup, null, first.watermark());
        assertThat(plugin.evaluate(List.of(afterFirst), stats)).isEmpty();

        stats.commit(late);

        assertThat(plugin.evaluate(List.of(afterFirst), stats)).singleElement()
                .satisfies(f -> assertThat(f.data().get("completions")).isEqualTo(2L));
    }

    @Test
    void conversionsBelowTheThresholdAddUpUntilItIsReached() {
        CheckedTrigger trigger = trigger(signup, 3, null);
        stats.event(site, 1, "Signup").event(site, 2, "Signup");
        assertThat(plugin.evaluate(List.of(trigger), stats)).isEmpty();

        stats.event(site, 3, "Signup");
        assertThat(plugin.evaluate(List.of(trigger), stats)).singleElement()
                .satisfies(f -> assertThat(f.data().get("completions")).isEqualTo(3L));
    }

    @Test
    void pageGoalsMatchPageviewsWithWildcards() {
        GoalRef blog = new GoalRef(UUID.randomUUID(), null, "/blog/*", "Visit /blog/*");
        GoalRef docs = new GoalRef(UUID.randomUUID(), null, "/docs/**", "Visit /docs/**");
        stats.pageview(site, 1, "/blog/hello", null);
        stats.pageview(site, 2, "/blog/hello/comments", null);  // * stays within one segment
        stats.pageview(site, 3, "/docs/a/b/c", null);
        stats.add(site, clock.instant(), "Outbound Link: Click", "/blog/x", null, 4);  // not a pageview

        CheckedTrigger blogTrigger = trigger(blog, null, null);
        CheckedTrigger docsTrigger = trigger(docs, null, null);
        List<Firing> firings = plugin.evaluate(List.of(blogTrigger, docsTrigger), stats);

        assertThat(firings).hasSize(2);
        assertThat(firings).filteredOn(f -> f.triggerId().equals(blogTrigger.id())).singleElement()
                .satisfies(f -> assertThat(f.data().get("completions")).isEqualTo(1L));
        assertThat(firings).filteredOn(f -> f.triggerId().equals(docsTrigger.id())).singleElement()
                .satisfies(f -> assertThat(f.data().get("completions")).isEqualTo(1L));
    }

    @Test
    void conversionsBeforeTheTriggerExistedDoNotCount() {
        stats.event(site, 1, "Signup");
        clock.advance(Duration.ofMinutes(1));
        CheckedTrigger trigger = trigger(signup, null, null);

        assertThat(plugin.evaluate(List.of(trigger), stats)).isEmpty();
    }

    @Test
    void aTriggerWhoseGoalWasDeletedNeverFires() {
        stats.event(site, 1, "Signup");
        CheckedTrigger orphan = new CheckedTrigger(UUID.randomUUID(), new SiteRef(site, "example.com"),
                new TriggerConfig(null, null, Map.of()), null, clock.instant().minusSeconds(60), null, null);

        assertThat(plugin.evaluate(List.of(orphan), stats)).isEmpty();
    }

    @Test
    void requiresAGoalAndAThresholdOfAtLeastOne() {
        assertThat(plugin.validate(new TriggerConfig(null, null, Map.of()))).extracting(ValidationError::field).containsExactly("goal_id");
        assertThat(plugin.validate(new TriggerConfig(0, UUID.randomUUID(), Map.of()))).extracting(ValidationError::field).containsExactly("threshold");
        assertThat(plugin.validate(new TriggerConfig(null, UUID.randomUUID(), Map.of()))).isEmpty();
        assertThat(plugin.validate(new TriggerConfig(2, UUID.randomUUID(), Map.of("x", 1)))).extracting(ValidationError::field).containsExactly("params.x");
    }

    private CheckedTrigger trigger(GoalRef goal, Integer threshold, Long watermark) {
        return new CheckedTrigger(UUID.nameUUIDFromBytes(goal.id().toString().getBytes()), new SiteRef(site, "example.com"),
                new TriggerConfig(threshold, goal.id(), Map.of()), goal, clock.instant(), null, watermark);
    }
}
