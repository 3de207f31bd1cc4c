package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRepositoryContractTest {
    private final Fixtures fx = new Fixtures();
    private Site site;
    private Site otherSite;

    @BeforeEach
    void sitesOfTheirOwn() {
        TestDatabase.truncateAll();
        Account account = fx.account("acme");
        site = fx.site(account.id(), "example.com");
        otherSite = fx.site(account.id(), "other.example.com");
    }

    @Test
    void storesAndFindsAWebhookWithAllItsFields() {
        Webhook webhook = fx.webhook(site.id(), "slack");

        assertThat(fx.webhooks.find(site.id(), webhook.id())).contains(webhook);
        assertThat(fx.webhooks.findById(webhook.id())).contains(webhook);
        assertThat(fx.webhooks.findById(WebhookId.random())).isEmpty();
    }

    @Test
    void listsOnlyTheSitesWebhooks() {
        Webhook first = fx.webhook(site.id(), "first");
        Webhook second = fx.webhook(site.id(), "second");
        fx.webhook(otherSite.id(), "elsewhere");

        assertThat(fx.webhooks.listBySite(site.id())).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void updatesEveryFieldIncludingARotatedSecret() {
        Webhook webhook = fx.webhook(site.id(), "slack");
        Webhook changed = webhook.rename(new Name("renamed"), Fixtures.later(1))
                .pointTo(new WebhookUrl("https://elsewhere.example.com/in?x=1"), Fixtures.later(2))
                .rotateSecret(Secret.generate(), Fixtures.later(3))
                .disable("endpoint answered 410 Gone", Fixtures.later(4));

        assertThat(fx.webhooks.update(changed)).isTrue();

        Webhook stored = fx.webhooks.find(site.id(), webhook.id()).orElseThrow();
        assertThat(stored).isEqualTo(changed);
        assertThat(stored.previousSecret().value()).isEqualTo(webhook.secret().value());
        assertThat(stored.signingSecrets(Fixtures.later(5))).hasSize(2);
        assertThat(stored.disabledReason()).isEqualTo("endpoint answered 410 Gone");
    }

    @Test
    void reEnablingClearsTheFailureStreakButDisablingKeepsIt() {
        Webhook webhook = fx.webhook(site.id(), "slack");
        setFailingSince(webhook, Fixtures.T0);

        fx.webhooks.update(webhook.rename(new Name("still enabled"), Fixtures.later(1)));
        assertThat(failingSince(webhook)).isEqualTo(Fixtures.T0);

        Webhook disabled = webhook.disable("failing for 5 days", Fixtures.later(2));
        fx.webhooks.update(disabled);
        assertThat(failingSince(webhook)).isEqualTo(Fixtures.T0);

        fx.webhooks.update(disabled.enable(Fixtures.later(3)));
        assertThat(failingSince(webhook)).isNull();
    }

    @Test
    void updateOfAMissingWebhookReportsFalse() {
        Webhook neverStored = Webhook.create(site.id(), new Name("ghost"), new WebhookUrl("https://x.example.com"),
                Secret.generate(), true, Fixtures.T0);
        assertThat(fx.webhooks.update(neverStored)).isFalse();
    }

    @Test
    void scopesFindAndDeleteToTheSite() {
        Webhook webhook = fx.webhook(site.id(), "slack");

        assertThat(fx.webhooks.find(otherSite.id(), webhook.id())).isEmpty();
        assertThat(fx.webhooks.delete(otherSite.id(), webhook.id())).isFalse();
        assertThat(fx.webhooks.delete(site.id(), webhook.id())).isTrue();
        assertThat(fx.webhooks.findById(webhook.id())).isEmpty();
    }

    @Test
    void deletingAWebhookRemovesItsTriggersMessagesAndDeliveries() {
        Webhook webhook = fx.webhook(site.id(), "slack");
        fx.messageWithDelivery(webhook, fx.spikeTrigger(webhook, 10));

        fx.webhooks.delete(site.id(), webhook.id());

        assertThat(fx.count("webhook_triggers")).isZero();
        assertThat(fx.count("webhook_messages")).isZero();
        assertThat(fx.count("webhook_deliveries")).isZero();
    }

    private void setFailingSince(Webhook webhook, Instant at) {
        fx.jdbi.useHandle(h -> h.createUpdate("UPDATE webhooks SET failing_since = :at WHERE id = :id")
                .bind("at", at).bind("id", webhook.id()).execute());
    }

    private Instant failingSince(Webhook webhook) {
        return fx.jdbi.withHandle(h -> h.createQuery("SELECT failing_since FROM webhooks WHERE id = :id")
                .bind("id", webhook.id()).mapTo(Instant.class).one());
    }
}
