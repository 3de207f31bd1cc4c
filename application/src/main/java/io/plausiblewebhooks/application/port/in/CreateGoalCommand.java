package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import java.util.Objects;

/** A goal to add: an {@code eventName} or a {@code pagePath}, with an optional display name. */
public record CreateGoalCommand(AccountId caller, SiteId site, String eventName, String pagePath, String displayName) {
    public CreateGoalCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(site, "site");
        // The goal's own rules decide what is valid; building one here rejects bad input early.
        toGoal(GoalId.random(), site, eventName, pagePath, displayName);
    }

    public Goal toGoal(GoalId id) {
        return toGoal(id, site, eventName, pagePath, displayName);
    }

    private static Goal toGoal(GoalId id, SiteId site, String eventName, String pagePath, String displayName) {
        return new Goal(id, site, eventName, pagePath, displayName);
    }
}
