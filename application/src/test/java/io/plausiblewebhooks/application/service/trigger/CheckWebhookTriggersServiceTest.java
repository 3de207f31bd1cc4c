package io.plausiblewebhooks.application.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase.CheckReport;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.ConfigChecks;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import io.plausiblewebhooks.trigger.spi.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CheckWebhookTriggersServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-26T10:00:00.250Z"));
    private final FakeStore store = new FakeStore();
    private final FakeStats stats = new FakeStats();
    private final SiteId site = SiteId.random();

    @Test
    void firesAndEnqueuesThePayloadOfTheApi() {
        stats.visitors.put(site, 5L);
        WebhookTrigger trigger = store.add(trigger("spike", 3, Map.of(), null));

        CheckReport report = service(new SpikePlugin()).checkTriggers();

        assertThat(report).isEqualTo(new CheckReport(1, 1, 1, 0, 0));
        TriggerFiringStore.PendingFiring firing = store.recorded.get(0);
        assertThat(firing.eventType()).isEqualTo("spike");
        assertThat(firing.firedAt()).isEqualTo(clock.instant());
        Map<String, Object> body = firing.payload();
        assertThat(List.copyOf(body.keySet())).containsExactly("id", "type", "timestamp", "data");
        assertThat(body.get("id")).isEqualTo(firing.messageId().external()).asString().startsWith("msg_");
        assertThat(body.get("type")).isEqualTo("spike");
        assertThat(body.get("timestamp")).isEqualTo("2026-02-26T10:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertThat(List.copyOf(data.keySet())).containsExactly("site", "trigger", "current_visitors");
        assertThat(data.get("site")).isEqualTo(Map.of("id", site.value().toString(), "domain", "example.com"));
        assertThat(data.get("trigger")).isEqualTo(Map.of("id", trigger.id().value().toString(), "type", "spike", "threshold", 3));
        assertThat(data.get("current_visitors")).isEqualTo(5L);
    }

    @Test
    void aSiteWhoseStatsAreUnavailableFiresNothingWhateverThePluginSays() {
        // The plugin reads absence as zero and fires on it, as a "traffic dropped" plugin would.
        TestPlugin firesOnZero = new TestPlugin("drop") {
            @Override
            public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView view) {
                Map<UUID, Long> visitors = view.visitors(Set.of(site.value()), Duration.ofHours(12));
                return batch.stream().filter(t -> visitors.getOrDefault(t.site().id(), 0L) < 10)
                        .map(t -> Firing.of(t.id(), Map.of())).toList();
            }
        };
        store.add(trigger("drop", 10, Map.of(), null));
        stats.unavailable.add(site);

        CheckReport report = service(firesOnZero).checkTriggers();

        assertThat(report.fired()).isZero();
        assertThat(store.recorded).isEmpty();
        assertThat(stats.finished).as("the check tells the stats it is over").isEqualTo(1);

        stats.unavailable.clear();
        assertThat(service(firesOnZero).checkTriggers().fired()).as("fires once the numbers are back").isEqualTo(1);
    }

    @Test
    void aTriggerIsSilentUntilItsCooldownIsOverToTheSecond() {
        stats.visitors.put(site, 5L);
        WebhookTrigger firedRecently = store.add(trigger("spike", 3, Map.of(), clock.instant().minus(Duration.ofHours(12)).plusSeconds(1)));
        WebhookTrigger cooledDown = store.add(trigger("spike", 3, Map.of(), clock.instant().minus(Duration.ofHours(12))));
        WebhookTrigger shortCooldown = store.add(trigger("spike", 3, Map.of("cooldown_minutes", 30), clock.instant().minus(Duration.ofMinutes(30))));

        CheckReport report = service(new SpikePlugin()).checkTriggers();

        assertThat(report.evaluated()).isEqualTo(2);
        assertThat(store.firedIds()).containsExactlyInAnyOrder(cooledDown.id(), shortCooldown.id());
        assertThat(store.firedIds()).doesNotContain(firedRecently.id());
    }

    @Test
    void firesOncePerEpisodeAcrossChecks() {
        stats.visitors.put(site, 5L);
        store.add(trigger("spike", 3, Map.of(), null));
        CheckWebhookTriggersService service = service(new SpikePlugin());

        assertThat(service.checkTriggers().fired()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.checkTriggers().fired()).isZero();
        clock.advance(Duration.ofHours(12));
        assertThat(service.checkTriggers().fired()).isEqualTo(1);
    }

    @Test
    void recordsTheWatermarkThePluginReturns() {
        store.add(trigger("counting", 1, Map.of(), null));

        service(new WatermarkPlugin(42L)).checkTriggers();

        assertThat(store.recorded.get(0).newWatermark()).isEqualTo(42L);
        assertThat(store.state.values().iterator().next().watermark()).isEqualTo(42L);
    }

    @Test
    void aFiringLostToAnotherCheckerIsCountedAsLost() {
        stats.visitors.put(site, 5L);
        store.add(trigger("spike", 3, Map.of(), null));
        store.otherCheckerWins = true;

        CheckReport report = service(new SpikePlugin()).checkTriggers();

        assertThat(report.fired()).isZero();
        assertThat(report.lost()).isEqualTo(1);
    }

    @Test
    void triggersOfUnknownTypesOrWithConfigurationsThePluginRejectsAreSkipped() {
        stats.visitors.put(site, 5L);
        store.add(trigger("no_such_type", 3, Map.of(), null));
        store.add(trigger("spike", 3, Map.of("cooldown_minutes", "soon"), null));

        CheckReport report = service(new SpikePlugin()).checkTriggers();

        assertThat(report).isEqualTo(new CheckReport(2, 0, 0, 0, 0));
        assertThat(store.recorded).isEmpty();
    }

    @Test
    void aFailingPluginDoesNotStopTheOtherTypes() {
        stats.visitors.put(site, 5L);
        store.add(trigger("exploding", 3, Map.of(), null));
        WebhookTrigger spike = store.add(trigger("spike", 3, Map.of(), null));

        CheckReport report = service(new SpikePlugin(), new ExplodingPlugin()).checkTriggers();

        assertThat(report.failedTypes()).isEqualTo(1);
        assertThat(store.firedIds()).containsExactly(spike.id());
    }

    @Test
    void aFailedWriteFailsTheCheckAfterTheOtherTypesFiringsAreRecorded() {
        stats.visitors.put(site, 5L);
        WebhookTrigger counting = store.add(trigger("counting", 1, Map.of(), null));
        store.add(trigger("spike", 3, Map.of(), null));
        store.failWritesOf = "spike";

        assertThatThrownBy(() -> service(new WatermarkPlugin(7L), new SpikePlugin()).checkTriggers())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("database gone");

        assertThat(store.writes).containsExactlyInAnyOrder(List.of("counting"), List.of("spike"));
        assertThat(store.firedIds()).containsExactly(counting.id());
    }

    @Test
    void eachTypesFiringsAreWrittenInAsManyStatementsAsWritersEachFiringOnce() {
        stats.visitors.put(site, 5L);
        for (int i = 0; i < 2_501; i++) {
            store.add(trigger("spike", 3, Map.of(), null));
        }
        store.add(trigger("counting", 1, Map.of(), null));

        CheckReport report = service(new SpikePlugin(), new WatermarkPlugin(7L)).checkTriggers();

        assertThat(report.fired()).isEqualTo(2_502);
        assertThat(store.writes).as("one statement for the single counting firing")
                .hasSize(CheckWebhookTriggersService.WRITERS + 1)
                .allSatisfy(write -> assertThat(Set.copyOf(write)).as("a statement holds one type").hasSize(1));
        assertThat(store.writes.stream().mapToInt(List::size).sum()).isEqualTo(2_502);
        assertThat(store.firedIds()).hasSize(2_502);
    }

    @Test
    void eachTypeIsEvaluatedOnceWithItsWholeBatch() {
        for (int i = 0; i < 50; i++) {
            store.add(trigger("spike", 3, Map.of(), null));
        }
        SpikePlugin plugin = new SpikePlugin();

        service(plugin).checkTriggers();

        assertThat(plugin.batchSizes).containsExactly(50);
        assertThat(stats.calls).isEqualTo(1);
    }

    @Test
    void firingsForTriggersOutsideTheBatchAreIgnored() {
        store.add(trigger("rogue", 1, Map.of(), null));

        CheckReport report = service(new RoguePlugin()).checkTriggers();

        assertThat(report.fired()).isEqualTo(1);
        assertThat(store.recorded).hasSize(1);
    }

    @Test
    void reportsEvaluationsByTypeAndResultAndTheCheckDuration() {
        stats.visitors.put(site, 5L);
        store.add(trigger("spike", 3, Map.of(), null));
        store.add(trigger("spike", 50, Map.of(), null));
        store.add(trigger("exploding", 1, Map.of(), null));
        RecordingMetrics metrics = new RecordingMetrics();

        new CheckWebhookTriggersService(new TriggerTypeRegistry(List.of(new SpikePlugin(), new ExplodingPlugin())),
                store, stats, clock, metrics).checkTriggers();

        assertThat(metrics.counts).containsEntry("spike/FIRED", 1).containsEntry("spike/QUIET", 1)
                .containsEntry("exploding/ERROR", 1).doesNotContainKey("exploding/QUIET");
        assertThat(metrics.checks).hasSize(1);
        assertThat(metrics.checks.get(0)).isPositive();
    }

    private static final class RecordingMetrics implements io.plausiblewebhooks.application.port.out.TriggerMetrics {
        final Map<String, Integer> counts = new HashMap<>();
        final List<Duration> checks = new ArrayList<>();

        @Override
        public void evaluated(String triggerType, Result result, int count) {
            counts.merge(triggerType + "/" + result, count, Integer::sum);
        }

        @Override
        public void checkCompleted(Duration duration) {
            checks.add(duration);
        }
    }

    private CheckWebhookTriggersService service(TriggerPlugin... plugins) {
        return new CheckWebhookTriggersService(new TriggerTypeRegistry(List.of(plugins)), store, stats, clock);
    }

    private WebhookTrigger trigger(String type, int threshold, Map<String, Object> params, Instant lastFiredAt) {
        return new WebhookTrigger(TriggerId.random(), WebhookId.random(), new TriggerType(type), new Threshold(threshold),
                null, true, params, clock.instant().minus(Duration.ofDays(2)), lastFiredAt, null);
    }

    /** Keeps trigger state like the database does, including the guard against a second checker. */
    private final class FakeStore implements TriggerFiringStore {
        final Map<TriggerId, WebhookTrigger> state = new HashMap<>();
        final List<PendingFiring> recorded = new ArrayList<>();
        final List<List<String>> writes = new ArrayList<>();
        boolean otherCheckerWins;
        String failWritesOf;

        WebhookTrigger add(WebhookTrigger trigger) {
            state.put(trigger.id(), trigger);
            return trigger;
        }

        Set<TriggerId> firedIds() {
            return recorded.stream().map(f -> f.evaluated().id()).collect(Collectors.toSet());
        }

        @Override
        public List<ActiveTrigger> loadActive() {
            return state.values().stream()
                    .map(t -> new ActiveTrigger(t, site, new SiteDomain("example.com"), null))
                    .toList();
        }

        @Override
        public synchronized Set<TriggerId> recordFirings(List<PendingFiring> firings) {
            writes.add(firings.stream().map(PendingFiring::eventType).toList());
            if (firings.stream().anyMatch(f -> f.eventType().equals(failWritesOf))) {
                throw new IllegalStateException("database gone");
            }
            Set<TriggerId> fired = new HashSet<>();
            for (PendingFiring firing : firings) {
                WebhookTrigger current = state.get(firing.evaluated().id());
                if (otherCheckerWins || !current.equals(firing.evaluated())) {
                    continue;
                }
                state.put(current.id(), current.recordFiring(firing.firedAt(), firing.newWatermark()));
                recorded.add(firing);
                fired.add(current.id());
            }
            return fired;
        }
    }

    private static final class FakeStats implements StatsQuery {
        final Map<SiteId, Long> visitors = new HashMap<>();
        final Set<SiteId> unavailable = new HashSet<>();
        int calls;
        int finished;

        @Override
        public Set<SiteId> unavailableSites() {
            return unavailable;
        }

        @Override
        public void finish() {
            finished++;
        }

        @Override
        public Map<SiteId, Long> visitors(Set<SiteId> sites, Instant from, Instant to) {
            calls++;
            return visitors;
        }

        @Override
        public Map<SiteId, List<Count>> topSources(Set<SiteId> sites, Instant from, Instant to, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<SiteId, List<Count>> topPages(Set<SiteId> sites, Instant from, Instant to, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<UUID, Long> eventCounts(List<EventCountQuery> queries, Instant to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GoalConversions goalConversions(List<ConversionQuery> queries) {
            throw new UnsupportedOperationException();
        }
    }

    private abstract static class TestPlugin implements TriggerPlugin {
        private final String type;

        TestPlugin(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String description() {
            return type;
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public int spiVersion() {
            return TriggerSpi.VERSION;
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public List<ValidationError> validate(TriggerConfig config) {
            return List.of();
        }
    }

    /** Current visitors ≥ threshold, 12 h cooldown unless params.cooldown_minutes. */
    private static final class SpikePlugin extends TestPlugin {
        final List<Integer> batchSizes = new ArrayList<>();

        SpikePlugin() {
            super("spike");
        }

        @Override
        public List<ValidationError> validate(TriggerConfig config) {
            List<ValidationError> errors = new ArrayList<>();
            ConfigChecks.intParam(config, "cooldown_minutes", 0, 10_000, 720, errors);
            return errors;
        }

        @Override
        public Duration cooldown(TriggerConfig config) {
            return Duration.ofMinutes(ConfigChecks.intParam(config, "cooldown_minutes", 0, 10_000, 720, new ArrayList<>()));
        }

        @Override
        public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
            batchSizes.add(batch.size());
            Map<UUID, Long> current = stats.currentVisitors(batch.stream().map(t -> t.site().id()).collect(Collectors.toSet()));
            return batch.stream()
                    .filter(t -> current.getOrDefault(t.site().id(), 0L) >= t.config().threshold())
                    .map(t -> Firing.of(t.id(), Map.of("current_visitors", current.get(t.site().id()))))
                    .toList();
        }
    }

    private static final class WatermarkPlugin extends TestPlugin {
        private final long watermark;

        WatermarkPlugin(long watermark) {
            super("counting");
            this.watermark = watermark;
        }

        @Override
        public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
            return batch.stream().map(t -> new Firing(t.id(), Map.of(), watermark)).toList();
        }
    }

    private static final class ExplodingPlugin extends TestPlugin {
        ExplodingPlugin() {
            super("exploding");
        }

        @Override
        public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
            throw new IllegalStateException("boom");
        }
    }

    /** Returns a firing twice and one for a trigger it was not given. */
    private static final class RoguePlugin extends TestPlugin {
        RoguePlugin() {
            super("rogue");
        }

        @Override
        public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
            UUID id = batch.get(0).id();
            return List.of(Firing.of(id, Map.of()), Firing.of(id, Map.of()), Firing.of(UUID.randomUUID(), Map.of()));
        }
    }

}
