package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerRepositoryContractTest {
    private final Fixtures fx = new Fixtures();
    private Webhook webhook;
    private Webhook otherWebhook;

    @BeforeEach
    void webhooksOfTheirOwn() {
        TestDatabase.truncateAll();
        Account account = fx.account("acme");
        Site site = fx.site(account.id(), "example.com");
        webhook = fx.webhook(site.id(), "slack");
        otherWebhook = fx.webhook(site.id(), "zapier");
    }

    @Test
    void storesAndFindsATriggerWithNestedParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cooldown_minutes", 90);
        params.put("ratio", 0.5);
        params.put("paths", List.of("/a", "/b"));
        params.put("options", Map.of("include_bots", false, "label", "ünïcode \"quoted\""));
        WebhookTrigger trigger = WebhookTrigger.create(webhook.id(), new TriggerType("traffic_drop"),
                new Threshold(5), null, false, params, Fixtures.T0);
        fx.triggers.insert(trigger);

        WebhookTrigger stored = fx.triggers.find(webhook.id(), trigger.id()).orElseThrow();
        assertThat(stored).isEqualTo(trigger);
        assertThat(stored.params()).containsEntry("paths", List.of("/a", "/b"));
    }

    @Test
    void storesATriggerWithoutThresholdGoalOrParams() {
        WebhookTrigger trigger = WebhookTrigger.create(webhook.id(), new TriggerType("visitor_spike"),
                null, null, true, null, Fixtures.T0);
        fx.triggers.insert(trigger);

        WebhookTrigger stored = fx.triggers.find(webhook.id(), trigger.id()).orElseThrow();
        assertThat(stored).isEqualTo(trigger);
        assertThat(stored.params()).isEmpty();
        assertThat(stored.lastFiredAt()).isNull();
        assertThat(stored.watermark()).isNull();
    }

    @Test
    void listsOnlyTheWebhooksTriggers() {
        WebhookTrigger first = fx.spikeTrigger(webhook, 10);
        WebhookTrigger second = fx.spikeTrigger(webhook, 20);
        fx.spikeTrigger(otherWebhook, 30);

        assertThat(fx.triggers.listByWebhook(webhook.id())).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void updateChangesThresholdEnabledAndParamsButNotFiringState() {
        WebhookTrigger trigger = fx.spikeTrigger(webhook, 10);
        fx.jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_triggers SET last_fired_at = :at, watermark = 42 WHERE id = :id")
                .bind("at", Fixtures.later(30)).bind("id", trigger.id()).execute());

        WebhookTrigger changed = trigger.withThreshold(new Threshold(99)).withEnabled(false)
                .withParams(Map.of("cooldown_minutes", 5))
                .recordFiring(Fixtures.later(60), 7L); // firing state in the argument must be ignored
        assertThat(fx.triggers.update(changed)).isTrue();

        WebhookTrigger stored = fx.triggers.find(webhook.id(), trigger.id()).orElseThrow();
        assertThat(stored.threshold()).isEqualTo(new Threshold(99));
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.params()).isEqualTo(Map.of("cooldown_minutes", 5));
        assertThat(stored.lastFiredAt()).isEqualTo(Fixtures.later(30));
        assertThat(stored.watermark()).isEqualTo(42L);
    }

    @Test
    void scopesFindAndDeleteToTheWebhook() {
        WebhookTrigger trigger = fx.spikeTrigger(webhook, 10);

        assertThat(fx.triggers.find(otherWebhook.id(), trigger.id())).isEmpty();
        assertThat(fx.triggers.delete(otherWebhook.id(), trigger.id())).isFalse();
        assertThat(fx.triggers.delete(webhook.id(), trigger.id())).isTrue();
        assertThat(fx.triggers.find(webhook.id(), trigger.id())).isEmpty();
        assertThat(fx.triggers.delete(webhook.id(), TriggerId.random())).isFalse();
    }

    @Test
    void deletingATriggerKeepsItsQueuedMessagesButNotItsDeliveries() {
        WebhookTrigger trigger = fx.spikeTrigger(webhook, 10);
        fx.messageWithDelivery(webhook, trigger);

        fx.triggers.delete(webhook.id(), trigger.id());

        // As in the seed: deliveries cascade with their trigger; the queue only forgets the trigger.
        assertThat(fx.count("webhook_deliveries")).isZero();
        assertThat(fx.count("webhook_messages")).isEqualTo(1);
        long withoutTrigger = fx.jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM webhook_messages WHERE trigger_id IS NULL").mapTo(Long.class).one());
        assertThat(withoutTrigger).isEqualTo(1);
    }
}
