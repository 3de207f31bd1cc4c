package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.in.CreateTriggerCommand;
import io.plausiblewebhooks.application.port.in.CreateTriggerUseCase;
import io.plausiblewebhooks.application.port.in.DeleteTriggerUseCase;
import io.plausiblewebhooks.application.port.in.ListTriggerTypesUseCase;
import io.plausiblewebhooks.application.port.in.ListTriggersUseCase;
import io.plausiblewebhooks.application.port.in.UpdateTriggerCommand;
import io.plausiblewebhooks.application.port.in.UpdateTriggerUseCase;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.TriggerRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.Validation;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** Triggers of the caller's webhooks; each configuration is validated by its type's plugin. */
public class TriggerService implements CreateTriggerUseCase, ListTriggersUseCase, UpdateTriggerUseCase,
        DeleteTriggerUseCase, ListTriggerTypesUseCase {
    private final TriggerRepository triggers;
    private final GoalRepository goals;
    private final TriggerTypeRegistry types;
    private final Ownership ownership;
    private final Clock clock;
    private final int maxTriggersPerWebhook;

    public TriggerService(SiteRepository sites, WebhookRepository webhooks, TriggerRepository triggers,
                          GoalRepository goals, TriggerTypeRegistry types, Clock clock) {
        this(sites, webhooks, triggers, goals, types, clock, ResourceCaps.DEFAULT);
    }

    public TriggerService(SiteRepository sites, WebhookRepository webhooks, TriggerRepository triggers,
                          GoalRepository goals, TriggerTypeRegistry types, Clock clock, ResourceCaps caps) {
        this.maxTriggersPerWebhook = caps.triggersPerWebhook();
        this.triggers = triggers;
        this.goals = goals;
        this.types = types;
        this.ownership = new Ownership(sites, webhooks);
        this.clock = clock;
    }

    @Override
    public WebhookTrigger createTrigger(CreateTriggerCommand command) {
        Webhook webhook = ownership.webhook(command.caller(), command.site(), command.webhook());
        WebhookTrigger trigger = WebhookTrigger.create(webhook.id(), command.type(), command.threshold(),
                command.goal(), command.enabled(), command.params(), Now.of(clock));
        validate(webhook, trigger);
        if (triggers.listByWebhook(webhook.id()).size() >= maxTriggersPerWebhook) {
            throw new ValidationException("webhook_id", "this webhook already has the maximum of "
                    + maxTriggersPerWebhook + " triggers");
        }
        triggers.insert(trigger);
        return trigger;
    }

    @Override
    public List<WebhookTrigger> listTriggers(AccountId caller, SiteId site, WebhookId webhook) {
        return triggers.listByWebhook(ownership.webhook(caller, site, webhook).id());
    }

    @Override
    public WebhookTrigger updateTrigger(UpdateTriggerCommand command) {
        Webhook webhook = ownership.webhook(command.caller(), command.site(), command.webhook());
        WebhookTrigger trigger = triggers.find(webhook.id(), command.trigger())
                .orElseThrow(() -> new NotFoundException("trigger"));
        if (command.threshold() != null) {
            trigger = trigger.withThreshold(command.threshold());
        }
        if (command.enabled() != null) {
            trigger = trigger.withEnabled(command.enabled());
        }
        if (command.params() != null) {
            trigger = trigger.withParams(command.params());
        }
        validate(webhook, trigger);
        if (!triggers.update(trigger)) {
            throw new NotFoundException("trigger");
        }
        return trigger;
    }

    @Override
    public void deleteTrigger(AccountId caller, SiteId site, WebhookId webhook, TriggerId trigger) {
        Webhook owned = ownership.webhook(caller, site, webhook);
        if (!triggers.delete(owned.id(), trigger)) {
            throw new NotFoundException("trigger");
        }
    }

    @Override
    public List<TriggerTypeDescription> listTriggerTypes() {
        return types.all().stream()
                .map(p -> new TriggerTypeDescription(p.type(), p.description(), p.version(), p.params()))
                .toList();
    }

    /** The plugin's rules, plus the host's: the type exists and the goal is one of the webhook's site. */
    private void validate(Webhook webhook, WebhookTrigger trigger) {
        Validation v = new Validation();
        TriggerPlugin plugin = types.find(trigger.type().value()).orElse(null);
        if (plugin == null) {
            String known = types.all().stream().map(TriggerPlugin::type).collect(Collectors.joining(", "));
            v.reject("trigger_type", "unknown trigger type; known types: " + known);
            v.throwIfInvalid();
        }
        if (trigger.goalId() != null && goals.find(webhook.siteId(), trigger.goalId()).isEmpty()) {
            v.reject("goal_id", "must be a goal of the webhook's site");
        }
        TriggerConfig config = new TriggerConfig(
                trigger.threshold() == null ? null : trigger.threshold().value(),
                trigger.goalId() == null ? null : trigger.goalId().value(),
                trigger.params());
        for (ValidationError error : plugin.validate(config)) {
            v.reject(error.field(), error.message());
        }
        v.throwIfInvalid();
    }
}
