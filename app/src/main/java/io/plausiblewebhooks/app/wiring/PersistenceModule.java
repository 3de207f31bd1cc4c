package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.plausiblewebhooks.adapter.persistence.JdbiAccountRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiApiKeyRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiGoalRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiSiteRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiTriggerRepository;
import io.plausiblewebhooks.adapter.persistence.JdbiWebhookRepository;
import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

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
    static SiteRepository siteRepository(Jdbi jdbi) {
        return new JdbiSiteRepository(jdbi);
    }

    @Provides
    @Singleton
    static GoalRepository goalRepository(Jdbi jdbi) {
        return new JdbiGoalRepository(jdbi);
    }

    @Provides
    @Singleton
    static WebhookRepository webhookRepository(Jdbi jdbi) {
        return new JdbiWebhookRepository(jdbi);
    }

    @Provides
    @Singleton
    static TriggerRepository triggerRepository(Jdbi jdbi) {
        return new JdbiTriggerRepository(jdbi);
    }
}
