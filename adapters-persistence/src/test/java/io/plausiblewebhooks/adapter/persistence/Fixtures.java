package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Builds rows through the real repositories. Times are whole microseconds, as PostgreSQL keeps them. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-02-26T10:00:00.123456Z");

    final Jdbi jdbi = TestDatabase.jdbi();
    final JdbiAccountRepository accounts = new JdbiAccountRepository(jdbi);
    final JdbiApiKeyRepository apiKeys = new JdbiApiKeyRepository(jdbi);
    final JdbiSiteRepository sites = new JdbiSiteRepository(jdbi);
    final JdbiGoalRepository goals = new JdbiGoalRepository(jdbi);
    final JdbiWebhookRepository webhooks = new JdbiWebhookRepository(jdbi);
    final JdbiTriggerRepository triggers = new JdbiTriggerRepository(jdbi);

    Account account(String name) {
        Account account = new Account(AccountId.random(), new Name(name), false, T0);
        accounts.insert(account);
        return account;
    }

    Site site(AccountId owner, String domain) {
        return site(owner, domain, T0);
    }

    Site site(AccountId owner, String domain, Instant at) {
        Site site = new Site(SiteId.random(), owner, new SiteDomain(domain), ZoneId.of("Europe/Berlin"), at);
        sites.insert(site);
        return site;
    }

    Goal eventGoal(SiteId site, String eventName) {
        Goal goal = new Goal(GoalId.random(), site, eventName, null, null);
        goals.insert(goal);
        return goal;
    }

    Webhook webhook(SiteId site, String name) {
        Webhook webhook = Webhook.create(site, new Name(name), new WebhookUrl("https://hooks.example.com/" + name),
                new Secret("0123456789abcdef-" + name), true, T0);
        webhooks.insert(webhook);
        return webhook;
    }

    WebhookTrigger spikeTrigger(Webhook webhook, int threshold) {
        WebhookTrigger trigger = WebhookTrigger.create(webhook.id(), new TriggerType("visitor_spike"),
                new Threshold(threshold), null, true, Map.of("cooldown_minutes", 30), T0);
        triggers.insert(trigger);
        return trigger;
    }

    WebhookTrigger goalTrigger(Webhook webhook, Goal goal) {
        WebhookTrigger trigger = WebhookTrigger.create(webhook.id(), new TriggerType("goal_completion"),
                null, goal.id(), true, Map.of(), T0);
        triggers.insert(trigger);
        return trigger;
    }

    /** A queued message and one delivery attempt of it, written in plain SQL (their repositories live elsewhere). */
    void messageWithDelivery(Webhook webhook, WebhookTrigger trigger) {
        jdbi.useHandle(h -> {
            java.util.UUID messageId = java.util.UUID.randomUUID();
            h.createUpdate("INSERT INTO webhook_messages (id, webhook_id, trigger_id, event_type, payload, next_attempt_at)"
                            + " VALUES (:id, :webhookId, :triggerId, 'visitor_spike', '{}', :at)")
                    .bind("id", messageId).bind("webhookId", webhook.id()).bind("triggerId", trigger.id())
                    .bind("at", T0).execute();
            h.createUpdate("INSERT INTO webhook_deliveries (webhook_id, trigger_id, message_id, payload, status_code, success)"
                            + " VALUES (:webhookId, :triggerId, :messageId, '{}'::jsonb, 500, false)")
                    .bind("webhookId", webhook.id()).bind("triggerId", trigger.id()).bind("messageId", messageId)
                    .execute();
        });
    }

    long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    static Instant later(long minutes) {
        return T0.plus(minutes, ChronoUnit.MINUTES);
    }
}
