package io.plausiblewebhooks.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.application.port.in.AuthenticateUseCase;
import io.plausiblewebhooks.application.port.in.CreateAccountUseCase;
import io.plausiblewebhooks.application.port.in.CreateApiKeyUseCase;
import io.plausiblewebhooks.application.port.in.CreateGoalUseCase;
import io.plausiblewebhooks.application.port.in.CreateSiteUseCase;
import io.plausiblewebhooks.application.port.in.CreateTriggerUseCase;
import io.plausiblewebhooks.application.port.in.CreateWebhookUseCase;
import io.plausiblewebhooks.application.port.in.DeleteGoalUseCase;
import io.plausiblewebhooks.application.port.in.DeleteSiteUseCase;
import io.plausiblewebhooks.application.port.in.DeleteTriggerUseCase;
import io.plausiblewebhooks.application.port.in.DeleteWebhookUseCase;
import io.plausiblewebhooks.application.port.in.GetSiteUseCase;
import io.plausiblewebhooks.application.port.in.GetWebhookSecretUseCase;
import io.plausiblewebhooks.application.port.in.GetWebhookUseCase;
import io.plausiblewebhooks.application.port.in.ListGoalsUseCase;
import io.plausiblewebhooks.application.port.in.ListSitesUseCase;
import io.plausiblewebhooks.application.port.in.UpdateSiteUseCase;
import io.plausiblewebhooks.application.port.in.ListTriggerTypesUseCase;
import io.plausiblewebhooks.application.port.in.ListTriggersUseCase;
import io.plausiblewebhooks.application.port.in.ListWebhooksUseCase;
import io.plausiblewebhooks.application.port.in.RevokeApiKeyUseCase;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretUseCase;
import io.plausiblewebhooks.application.port.in.UpdateTriggerUseCase;
import io.plausiblewebhooks.application.port.in.UpdateWebhookUseCase;
import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.application.service.AccountService;
import io.plausiblewebhooks.application.service.SiteService;
import io.plausiblewebhooks.application.service.TriggerService;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.ResourceCaps;
import io.plausiblewebhooks.application.service.WebhookService;
import io.plausiblewebhooks.domain.ApiKeySecret;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services behind the use cases (ports in), and the bootstrap of the admin account. */
@Module
public abstract class ServiceModule {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceModule.class);

    @Provides
    @Singleton
    static AccountService accountService(AccountRepository accounts, ApiKeyRepository keys, Clock clock) {
        return new AccountService(accounts, keys, clock);
    }

    @Provides
    @Singleton
    static SiteService siteService(SiteRepository sites, GoalRepository goals, WebhookRepository webhooks, DestinationGuard guard,
                                   Clock clock) {
        return new SiteService(sites, goals, webhooks, guard, clock);
    }

    @Provides
    @Singleton
    static WebhookService webhookService(SiteRepository sites, WebhookRepository webhooks, DestinationGuard guard,
                                         Clock clock, AppConfiguration configuration) {
        return new WebhookService(sites, webhooks, guard, clock, caps(configuration));
    }

    @Provides
    @Singleton
    static TriggerService triggerService(SiteRepository sites, WebhookRepository webhooks, TriggerRepository triggers,
                                         GoalRepository goals, TriggerTypeRegistry types, Clock clock,
                                         AppConfiguration configuration) {
        return new TriggerService(sites, webhooks, triggers, goals, types, clock, caps(configuration));
    }

    private static ResourceCaps caps(AppConfiguration configuration) {
        return new ResourceCaps(configuration.getLimits().getWebhooksPerSite(),
                configuration.getLimits().getTriggersPerWebhook());
    }

    /**
     * Ensures the admin account and a way in: the configured bootstrap key, or else a generated key
     * when none exists. A generated key is logged here, once: the only place a key is ever logged.
     */
    @Provides
    @IntoSet
    static StartupTask bootstrapAdmin(AccountService accounts, AppConfiguration configuration) {
        return () -> {
            Optional<ApiKeySecret> generated =
                    accounts.bootstrapAdmin(Optional.ofNullable(configuration.getAuth().getBootstrapApiKey()));
            generated.ifPresent(key -> LOG.warn("Created the first admin API key: {} (shown only this once)",
                    key.value()));
        };
    }

    @Binds
    abstract AuthenticateUseCase authenticate(AccountService service);

    @Binds
    abstract CreateAccountUseCase createAccount(AccountService service);

    @Binds
    abstract CreateApiKeyUseCase createApiKey(AccountService service);

    @Binds
    abstract RevokeApiKeyUseCase revokeApiKey(AccountService service);

    @Binds
    abstract CreateSiteUseCase createSite(SiteService service);

    @Binds
    abstract ListSitesUseCase listSites(SiteService service);

    @Binds
    abstract GetSiteUseCase getSite(SiteService service);

    @Binds
    abstract DeleteSiteUseCase deleteSite(SiteService service);

    @Binds
    abstract UpdateSiteUseCase updateSite(SiteService service);

    @Binds
    abstract CreateGoalUseCase createGoal(SiteService service);

    @Binds
    abstract ListGoalsUseCase listGoals(SiteService service);

    @Binds
    abstract DeleteGoalUseCase deleteGoal(SiteService service);

    @Binds
    abstract CreateWebhookUseCase createWebhook(WebhookService service);

    @Binds
    abstract ListWebhooksUseCase listWebhooks(WebhookService service);

    @Binds
    abstract GetWebhookUseCase getWebhook(WebhookService service);

    @Binds
    abstract UpdateWebhookUseCase updateWebhook(WebhookService service);

    @Binds
    abstract DeleteWebhookUseCase deleteWebhook(WebhookService service);

    @Binds
    abstract GetWebhookSecretUseCase getWebhookSecret(WebhookService service);

    @Binds
    abstract RotateWebhookSecretUseCase rotateWebhookSecret(WebhookService service);

    @Binds
    abstract CreateTriggerUseCase createTrigger(TriggerService service);

    @Binds
    abstract ListTriggersUseCase listTriggers(TriggerService service);

    @Binds
    abstract UpdateTriggerUseCase updateTrigger(TriggerService service);

    @Binds
    abstract DeleteTriggerUseCase deleteTrigger(TriggerService service);

    @Binds
    abstract ListTriggerTypesUseCase listTriggerTypes(TriggerService service);
}
