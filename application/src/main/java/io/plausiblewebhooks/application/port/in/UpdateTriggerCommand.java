package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Map;
import java.util.Objects;

/** A partial change: null fields stay as they are; {@code params}, when given, replaces them all. */
public record UpdateTriggerCommand(AccountId caller, SiteId site, WebhookId webhook, TriggerId trigger,
                                   Threshold threshold, Boolean enabled, Map<String, Object> params) {
    public UpdateTriggerCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(trigger, "trigger");
        params = params == null ? null : TriggerParams.copyOf(params);
    }

    public static UpdateTriggerCommand from(AccountId caller, SiteId site, WebhookId webhook, TriggerId trigger,
                                            Integer threshold, Boolean enabled, Map<String, Object> params) {
        CommandInput input = new CommandInput();
        Threshold checkedThreshold = input.optional(threshold, Threshold::new);
        Map<String, Object> checkedParams = input.optional(params, TriggerParams::copyOf);
        input.throwIfInvalid();
        return new UpdateTriggerCommand(caller, site, webhook, trigger, checkedThreshold, enabled, checkedParams);
    }
}
