package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.in.CreateWebhookCommand;
import io.plausiblewebhooks.application.port.in.CreateWebhookUseCase;
import io.plausiblewebhooks.application.port.in.DeleteWebhookUseCase;
import io.plausiblewebhooks.application.port.in.GetWebhookSecretUseCase;
import io.plausiblewebhooks.application.port.in.GetWebhookUseCase;
import io.plausiblewebhooks.application.port.in.ListWebhooksUseCase;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretCommand;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretUseCase;
import io.plausiblewebhooks.application.port.in.UpdateWebhookCommand;
import io.plausiblewebhooks.application.port.in.UpdateWebhookUseCase;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Webhooks of the caller's sites and their signing secrets. */
public class WebhookService implements CreateWebhookUseCase, ListWebhooksUseCase, GetWebhookUseCase,
        UpdateWebhookUseCase, DeleteWebhookUseCase, GetWebhookSecretUseCase, RotateWebhookSecretUseCase {
    static final String DISABLED_BY_USER = "disabled by user";

    private final WebhookRepository webhooks;
    private final DestinationGuard guard;
    private final Ownership ownership;
    private final Clock clock;
    private final int maxWebhooksPerSite;

    public WebhookService(SiteRepository sites, WebhookRepository webhooks, DestinationGuard guard, Clock clock) {
        this(sites, webhooks, guard, clock, ResourceCaps.DEFAULT);
    }

    public WebhookService(SiteRepository sites, WebhookRepository webhooks, DestinationGuard guard, Clock clock,
                          ResourceCaps caps) {
        this.maxWebhooksPerSite = caps.webhooksPerSite();
        this.webhooks = webhooks;
        this.guard = guard;
        this.ownership = new Ownership(sites, webhooks);
        this.clock = clock;
    }

    @Override
    public Webhook createWebhook(CreateWebhookCommand command) {
        Site site = ownership.site(command.caller(), command.site());
        // Counted before inserting: two concurrent creates may pass together, the cap is a guard rail.
        if (webhooks.listBySite(site.id()).size() >= maxWebhooksPerSite) {
            throw new ValidationException("site_id", "this site already has the maximum of "
                    + maxWebhooksPerSite + " webhooks");
        }
        guard.check(command.url());
        Secret secret = command.secret() != null ? command.secret() : Secret.generate();
        Webhook webhook = Webhook.create(site.id(), command.name(), command.url(), secret, command.enabled(),
                Now.of(clock));
        webhooks.insert(webhook);
        return webhook;
    }

    @Override
    public List<Webhook> listWebhooks(AccountId caller, SiteId site) {
        return webhooks.listBySite(ownership.site(caller, site).id());
    }

    @Override
    public Webhook getWebhook(AccountId caller, SiteId site, WebhookId webhook) {
        return ownership.webhook(caller, site, webhook);
    }

    @Override
    public Webhook updateWebhook(UpdateWebhookCommand command) {
        Webhook webhook = ownership.webhook(command.caller(), command.site(), command.webhook());
        Instant now = Now.of(clock);
        if (command.url() != null) {
            guard.check(command.url());
            webhook = webhook.pointTo(command.url(), now);
        }
        if (command.name() != null) {
            webhook = webhook.rename(command.name(), now);
        }
        if (command.enabled() != null && command.enabled() != webhook.enabled()) {
            webhook = command.enabled() ? webhook.enable(now) : webhook.disable(DISABLED_BY_USER, now);
        }
        store(webhook);
        return webhook;
    }

    @Override
    public void deleteWebhook(AccountId caller, SiteId site, WebhookId webhook) {
        Webhook owned = ownership.webhook(caller, site, webhook);
        if (!webhooks.delete(owned.siteId(), owned.id())) {
            throw new NotFoundException("webhook");
        }
    }

    @Override
    public Secret getWebhookSecret(AccountId caller, SiteId site, WebhookId webhook) {
        return ownership.webhook(caller, site, webhook).secret();
    }

    @Override
    public Secret rotateWebhookSecret(RotateWebhookSecretCommand command) {
        Webhook webhook = ownership.webhook(command.caller(), command.site(), command.webhook());
        Secret newSecret = command.newSecret() != null ? command.newSecret() : Secret.generate();
        store(webhook.rotateSecret(newSecret, Now.of(clock)));
        return newSecret;
    }

    private void store(Webhook webhook) {
        if (!webhooks.update(webhook)) {
            // Deleted between reading and writing.
            throw new NotFoundException("webhook");
        }
    }
}
