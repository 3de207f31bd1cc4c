package io.plausiblewebhooks.adapter.persistence.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.events.EventRows;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore.ActiveTrigger;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore.PendingFiring;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiTriggerFiringStoreTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00.123456Z");

    private final Jdbi jdbi = TestDatabase.jdbi();
    private final JdbiTriggerFiringStore store = new JdbiTriggerFiringStore(jdbi);
    private SiteId site;
    private UUID webhook;

    @BeforeEach
    void setUp() {
        TestDatabase.truncateAll();
        site = EventRows.site(jdbi, "example.com");
        webhook = EventRows.webhook(jdbi, site, true);
    }

    @Test
    void loadsEnabledTriggersOfEnabledWebhooksWithSiteAndGoal() {
        UUID goal = EventRows.goal(jdbi, site, "Signup", null);
        UUID spike = EventRows.trigger(jdbi, webhook, "visitor_spike", 3, null, true, "{\"cooldown_minutes\": 30}", NOW);
        UUID conversions = EventRows.trigger(jdbi, webhook, "goal_completion", null, goal, true, "{}", NOW);
        EventRows.trigger(jdbi, webhook, "visitor_spike", 3, null, false, "{}", NOW);
        UUID disabledHook = EventRows.webhook(jdbi, site, false);
        EventRows.trigger(jdbi, disabledHook, "visitor_spike", 3, null, true, "{}", NOW);
        // A goal of another site is never handed to a trigger.
        SiteId otherSite = EventRows.site(jdbi, "other.example.com");
        UUID foreignGoal = EventRows.goal(jdbi, otherSite, "Signup", null);
        UUID foreign = EventRows.trigger(jdbi, webhook, "goal_completion", null, foreignGoal, true, "{}", NOW);

        List<ActiveTrigger> active = store.loadActive();

        assertThat(active).extracting(a -> a.trigger().id().value()).containsExactlyInAnyOrder(spike, conversions, foreign);
        ActiveTrigger spikeRow = active.stream().filter(a -> a.trigger().id().value().equals(spike)).findFirst().orElseThrow();
        assertThat(spikeRow.siteId()).isEqualTo(site);
        assertThat(spikeRow.siteDomain().value()).isEqualTo("example.com");
        assertThat(spikeRow.trigger().threshold().value()).isEqualTo(3);
        assertThat(spikeRow.trigger().params()).containsEntry("cooldown_minutes", 30);
        assertThat(spikeRow.trigger().insertedAt()).isEqualTo(NOW);
        assertThat(spikeRow.goal()).isNull();
        ActiveTrigger goalRow = active.stream().filter(a -> a.trigger().id().value().equals(conversions)).findFirst().orElseThrow();
        assertThat(goalRow.goal().eventName()).isEqualTo("Signup");
        ActiveTrigger foreignRow = active.stream().filter(a -> a.trigger().id().value().equals(foreign)).findFirst().orElseThrow();
        assertThat(foreignRow.goal()).isNull();
    }

    @Test
    void recordsTheFiringAndEnqueuesItsMessageAsPendingAndDueNow() {
        EventRows.trigger(jdbi, webhook, "goal_completion", 1, null, true, "{}", NOW);
        WebhookTrigger trigger = store.loadActive().get(0).trigger();
        MessageId message = MessageId.random();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", message.external());
        payload.put("type", "goal_completion");
        payload.put("data", Map.of("completions", 2));

        var fired = store.recordFirings(List.of(new PendingFiring(trigger, NOW, 77L, message, "goal_completion", payload)));

        assertThat(fired).containsExactly(trigger.id());
        WebhookTrigger after = store.loadActive().get(0).trigger();
        assertThat(after.lastFiredAt()).isEqualTo(NOW);
        assertThat(after.watermark()).isEqualTo(77L);
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM webhook_messages").mapToMap().one());
        assertThat(row).containsEntry("id", message.value()).containsEntry("webhook_id", webhook)
                .containsEntry("trigger_id", trigger.id().value()).containsEntry("event_type", "goal_completion")
                .containsEntry("status", "pending").containsEntry("attempts", 0)
                .containsEntry("payload", "{\"id\":\"" + message.external() + "\",\"type\":\"goal_completion\",\"data\":{\"completions\":2}}");
        assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-02-26T10:00:00.123456"));
    }

    @Test
    void aFiringEvaluatedOnStaleStateRecordsAndEnqueuesNothing() {
        EventRows.trigger(jdbi, webhook, "visitor_spike", 1, null, true, "{}", NOW);
        WebhookTrigger evaluated = store.loadActive().get(0).trigger();
        assertThat(store.recordFirings(List.of(firing(evaluated, NOW)))).hasSize(1);

        // Another checker evaluated the same state and comes second.
        assertThat(store.recordFirings(List.of(firing(evaluated, NOW.plusSeconds(1))))).isEmpty();

        assertThat(messages()).isEqualTo(1);
        assertThat(store.loadActive().get(0).trigger().lastFiredAt()).isEqualTo(NOW);
    }

    @Test
    void writesManyFiringsInOneStatementAndSkipsOnlyTheStaleOnes() {
        for (int i = 0; i < 50; i++) {
            EventRows.trigger(jdbi, webhook, "visitor_spike", 1, null, true, "{}", NOW);
        }
        List<WebhookTrigger> triggers = store.loadActive().stream().map(ActiveTrigger::trigger).toList();
        store.recordFirings(List.of(firing(triggers.get(0), NOW)));

        var fired = store.recordFirings(triggers.stream().map(t -> firing(t, NOW.plusSeconds(5))).toList());

        assertThat(fired).hasSize(49).doesNotContain(triggers.get(0).id());
        assertThat(messages()).isEqualTo(50);
    }

    @Test
    void aPayloadThatIsNotJsonLosesOnlyItsOwnFiring() {
        EventRows.trigger(jdbi, webhook, "visitor_spike", 1, null, true, "{}", NOW);
        EventRows.trigger(jdbi, webhook, "visitor_spike", 1, null, true, "{}", NOW);
        List<WebhookTrigger> triggers = store.loadActive().stream().map(ActiveTrigger::trigger).toList();
        MessageId id = MessageId.random();
        PendingFiring broken = new PendingFiring(triggers.get(0), NOW, null, id, "visitor_spike", Map.of("data", new Object()));

        var fired = store.recordFirings(List.of(broken, firing(triggers.get(1), NOW)));

        assertThat(fired).containsExactly(triggers.get(1).id());
        assertThat(messages()).isEqualTo(1);
    }

    private long messages() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_messages").mapTo(Long.class).one());
    }

    private static PendingFiring firing(WebhookTrigger trigger, Instant at) {
        MessageId id = MessageId.random();
        return new PendingFiring(trigger, at, null, id, trigger.type().value(), Map.of("id", id.external()));
    }

}
