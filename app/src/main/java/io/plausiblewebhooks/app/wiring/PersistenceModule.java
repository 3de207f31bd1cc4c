package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.SecretKeys;
import io.plausiblewebhooks.adapter.persistence.JdbiAccountRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiApiKeyRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiGoalRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiSiteRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiTriggerRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiWebhookRepository;
import io.plausiblewebhooks.adapter.persistence.SecretBox;
import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.StatsSourceStore;
import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/** The ports out backed by PostgreSQL. The Jdbi comes migrated and configured from {@code run()}. */
@Module
public abstract class PersistenceModule {
    private PersistenceModule() {
    }

    @Provides
    @Singleton
    static AccountRepository accountRepository(Jdbi jdbi) {
        return new JdbiAccountRepository(jdbi);
    }

    @Provides
    @Singleton
    static ApiKeyRepository apiKeyRepository(Jdbi jdbi) {
        return new JdbiApiKeyRepository(jdbi);
    }

    @Provides
    @Singleton
    static JdbiSiteRepository jdbiSiteRepository(Jdbi jdbi, SecretBox secretBox) {
        return new JdbiSiteRepository(jdbi, secretBox);
    }

    @Provides
    static SiteRepository siteRepository(JdbiSiteRepository repository) {
        return repository;
    }

    @Provides
    static StatsSourceStore statsSourceStore(JdbiSiteRepository repository) {
        return repository;
    }

    /** Plausible API keys are sealed like webhook secrets, and follow the same key rotation at start. */
    @Provides
    @IntoSet
    static StartupTask resealStatsApiKeys(JdbiSiteRepository repository) {
        return () -> {
            int resealed = repository.resealAll();
            if (resealed > 0) {
                LoggerFactory.getLogger(PersistenceModule.class)
                        .info("Re-encrypted the Plausible API keys of {} sites under the current key", resealed);
            }
        };
    }

    @Provides
    @Singleton
    static GoalRepository goalRepository(Jdbi jdbi) {
        return new JdbiGoalRepository(jdbi);
    }

    @Provides
    @Singleton
    static SecretBox secretBox(AppConfiguration configuration) {
        return SecretKeys.box(configuration.getAuth(), configuration.getDatabase());
    }

    @Provides
    @Singleton
    static JdbiWebhookRepository jdbiWebhookRepository(Jdbi jdbi, SecretBox secretBox) {
        return new JdbiWebhookRepository(jdbi, secretBox);
    }

    @Provides
    static WebhookRepository webhookRepository(JdbiWebhookRepository repository) {
        return repository;
    }

    /** Completes a key rotation (and encrypts secrets written before encryption at rest) at every start. */
    @Provides
    @IntoSet
    static StartupTask resealWebhookSecrets(JdbiWebhookRepository repository) {
        return () -> {
            int resealed = repository.resealAll();
            if (resealed > 0) {
                LoggerFactory.getLogger(PersistenceModule.class)
                        .info("Re-encrypted the secrets of {} webhooks under the current key", resealed);
            }
        };
    }

    @Provides
    @Singleton
    static TriggerRepository triggerRepository(Jdbi jdbi) {
        return new JdbiTriggerRepository(jdbi);
    }
}
