package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.plausiblewebhooks.adapter.rest.AccountsResource;
import io.plausiblewebhooks.adapter.rest.ApiKeyAuthFilter;
import io.plausiblewebhooks.adapter.rest.ApiKeysResource;
import io.plausiblewebhooks.adapter.rest.BodyLimitFilter;
import io.plausiblewebhooks.adapter.rest.GoalsResource;
import io.plausiblewebhooks.adapter.rest.ProblemExceptionMapper;
import io.plausiblewebhooks.adapter.rest.RateLimitFilter;
import io.plausiblewebhooks.app.AppConfiguration;
import java.time.Clock;
import io.plausiblewebhooks.adapter.rest.SecurityHeadersFilter;
import io.plausiblewebhooks.adapter.rest.SitesResource;
import io.plausiblewebhooks.adapter.rest.StrictJsonReader;
import io.plausiblewebhooks.adapter.rest.TriggerTypesResource;
import io.plausiblewebhooks.adapter.rest.TriggersResource;
import io.plausiblewebhooks.adapter.rest.WebhookSecretResource;
import io.plausiblewebhooks.adapter.rest.WebhooksResource;
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

/**
 * The HTTP API: resources, the API-key filter, problem+json error mapping, the body cap and the
 * strict JSON reader. Resources of other areas reuse the filter and mapper by living under
 * {@code /api/v1} and reading the caller with {@code Callers.account(securityContext)}.
 */
@Module
public abstract class RestModule {

    @Provides
    @IntoSet
    @JerseyComponent
    static Object problemExceptionMapper() {
        return new ProblemExceptionMapper();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object bodyLimitFilter() {
        return new BodyLimitFilter();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object securityHeadersFilter() {
        return new SecurityHeadersFilter();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object strictJsonReader() {
        return new StrictJsonReader();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object apiKeyAuthFilter(AuthenticateUseCase authenticate) {
        return new ApiKeyAuthFilter(authenticate);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object rateLimitFilter(AppConfiguration configuration, Clock clock) {
        return new RateLimitFilter(configuration.getLimits().getRequestsPerSecond(),
                configuration.getLimits().getBurst(), clock);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object accountsResource(CreateAccountUseCase createAccount) {
        return new AccountsResource(createAccount);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object apiKeysResource(CreateApiKeyUseCase createApiKey, RevokeApiKeyUseCase revokeApiKey) {
        return new ApiKeysResource(createApiKey, revokeApiKey);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object sitesResource(CreateSiteUseCase create, ListSitesUseCase list, GetSiteUseCase get,
                                UpdateSiteUseCase update, DeleteSiteUseCase delete) {
        return new SitesResource(create, list, get, update, delete);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object goalsResource(CreateGoalUseCase create, ListGoalsUseCase list, DeleteGoalUseCase delete) {
        return new GoalsResource(create, list, delete);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object webhooksResource(CreateWebhookUseCase create, ListWebhooksUseCase list, GetWebhookUseCase get,
                                   UpdateWebhookUseCase update, DeleteWebhookUseCase delete) {
        return new WebhooksResource(create, list, get, update, delete);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object webhookSecretResource(GetWebhookSecretUseCase get, RotateWebhookSecretUseCase rotate) {
        return new WebhookSecretResource(get, rotate);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object triggersResource(CreateTriggerUseCase create, ListTriggersUseCase list, UpdateTriggerUseCase update,
                                   DeleteTriggerUseCase delete) {
        return new TriggersResource(create, list, update, delete);
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object triggerTypesResource(ListTriggerTypesUseCase list) {
        return new TriggerTypesResource(list);
    }
}
