package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Threshold;
import io.plausiblewebhooks.domain.TriggerType;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger to add. Which of {@code threshold}, {@code goal} and {@code params} a type needs is
 * its plugin's business.
 *
 * @param threshold null when not given
 * @param goal null when not given
 * @param params JSON-like values without nulls; never null
 */
public record CreateTriggerCommand(AccountId caller, SiteId site, WebhookId webhook, TriggerType type,
                                   Threshold threshold, GoalId goal, boolean enabled, Map<String, Object> params) {
    public CreateTriggerCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(webhook, "webhook");
        if (type == null) {
            throw new ValidationException("trigger_type", "is required");
        }
        params = TriggerParams.copyOf(params);
    }

    /** @param enabled null means true */
    public static CreateTriggerCommand from(AccountId caller, SiteId site, WebhookId webhook, String type,
                                            Integer threshold, String goalId, Boolean enabled,
                                            Map<String, Object> params) {
        CommandInput input = new CommandInput();
        TriggerType checkedType = input.required("trigger_type", type, TriggerType::new);
        Threshold checkedThreshold = input.optional(threshold, Threshold::new);
        GoalId checkedGoal = input.optionalId("goal_id", goalId, GoalId::parse);
        Map<String, Object> checkedParams = input.optional(params, TriggerParams::copyOf);
        input.throwIfInvalid();
        return new CreateTriggerCommand(caller, site, webhook, checkedType, checkedThreshold, checkedGoal,
                enabled == null || enabled, checkedParams);
    }
}
