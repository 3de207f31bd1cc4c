package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeyId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ports out in memory, for the services' pure logic (the real adapters are contract-tested
 * against PostgreSQL). Cascades mirror the schema's.
 */
final class InMemoryRepositories {
    final Map<AccountId, Account> accounts = new LinkedHashMap<>();
    final Map<ApiKeyId, ApiKey> keys = new LinkedHashMap<>();
    final Map<SiteId, Site> sites = new LinkedHashMap<>();
    final Map<GoalId, Goal> goals = new LinkedHashMap<>();
    final Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();
    final Map<TriggerId, WebhookTrigger> triggers = new LinkedHashMap<>();

    final AccountRepository accountRepository = new AccountRepository() {
        @Override
        public void insert(Account account) {
            accounts.put(account.id(), account);
        }

        @Override
        public Optional<Account> findById(AccountId id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public Optional<Account> findAdmin() {
            return accounts.values().stream().filter(Account::admin).findFirst();
        }
    };

    final ApiKeyRepository apiKeyRepository = new ApiKeyRepository() {
        @Override
        public void insert(ApiKey key) {
            keys.put(key.id(), key);
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            return keys.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
        }

        @Override
        public boolean delete(AccountId owner, ApiKeyId id) {
            ApiKey key = keys.get(id);
            return key != null && key.accountId().equals(owner) && keys.remove(id) != null;
        }

        @Override
        public boolean anyExists() {
            return !keys.isEmpty();
        }
    };

    final SiteRepository siteRepository = new SiteRepository() {
        @Override
        public void insert(Site site) {
            if (findByDomain(site.domain()).isPresent()) {
                throw new ConflictException("domain", "taken");
            }
            sites.put(site.id(), site);
        }

        @Override
        public List<Site> listByAccount(AccountId owner) {
            return sites.values().stream().filter(s -> s.accountId().equals(owner)).toList();
        }

        @Override
        public Optional<Site> find(AccountId owner, SiteId id) {
            return Optional.ofNullable(sites.get(id)).filter(s -> s.accountId().equals(owner));
        }

        @Override
        public Optional<Site> findByDomain(SiteDomain domain) {
            return sites.values().stream().filter(s -> s.domain().equals(domain)).findFirst();
        }

        @Override
        public boolean update(Site site, java.time.Instant sourceChangedAt) {
            return sites.replace(site.id(), site) != null;
        }

        @Override
        public boolean delete(AccountId owner, SiteId id) {
            if (find(owner, id).isEmpty()) {
                return false;
            }
            sites.remove(id);
            goals.values().removeIf(g -> g.siteId().equals(id));
            webhooks.values().stream().filter(w -> w.siteId().equals(id)).map(Webhook::id).toList()
                    .forEach(w -> webhookRepository.delete(id, w));
            return true;
        }
    };

    final GoalRepository goalRepository = new GoalRepository() {
        @Override
        public void insert(Goal goal) {
            goals.put(goal.id(), goal);
        }

        @Override
        public List<Goal> listBySite(SiteId site) {
            return goals.values().stream().filter(g -> g.siteId().equals(site)).toList();
        }

        @Override
        public Optional<Goal> find(SiteId site, GoalId id) {
            return Optional.ofNullable(goals.get(id)).filter(g -> g.siteId().equals(site));
        }

        @Override
        public boolean delete(SiteId site, GoalId id) {
            return find(site, id).isPresent() && goals.remove(id) != null;
        }
    };

    final WebhookRepository webhookRepository = new WebhookRepository() {
        @Override
        public void insert(Webhook webhook) {
            webhooks.put(webhook.id(), webhook);
        }

        @Override
        public List<Webhook> listBySite(SiteId site) {
            return webhooks.values().stream().filter(w -> w.siteId().equals(site)).toList();
        }

        @Override
        public Optional<Webhook> find(SiteId site, WebhookId id) {
            return Optional.ofNullable(webhooks.get(id)).filter(w -> w.siteId().equals(site));
        }

        @Override
        public Optional<Webhook> findById(WebhookId id) {
            return Optional.ofNullable(webhooks.get(id));
        }

        @Override
        public boolean update(Webhook webhook) {
            return webhooks.replace(webhook.id(), webhook) != null;
        }

        @Override
        public boolean delete(SiteId site, WebhookId id) {
            if (find(site, id).isEmpty()) {
                return false;
            }
            webhooks.remove(id);
            triggers.values().removeIf(t -> t.webhookId().equals(id));
            return true;
        }
    };

    final TriggerRepository triggerRepository = new TriggerRepository() {
        @Override
        public void insert(WebhookTrigger trigger) {
            triggers.put(trigger.id(), trigger);
        }

        @Override
        public List<WebhookTrigger> listByWebhook(WebhookId webhook) {
            return triggers.values().stream().filter(t -> t.webhookId().equals(webhook)).toList();
        }

        @Override
        public Optional<WebhookTrigger> find(WebhookId webhook, TriggerId id) {
            return Optional.ofNullable(triggers.get(id)).filter(t -> t.webhookId().equals(webhook));
        }

        @Override
        public boolean update(WebhookTrigger trigger) {
            return triggers.replace(trigger.id(), trigger) != null;
        }

        @Override
        public boolean delete(WebhookId webhook, TriggerId id) {
            return find(webhook, id).isPresent() && triggers.remove(id) != null;
        }
    };
}
