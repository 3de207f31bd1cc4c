package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;

public interface DeleteGoalUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's */
    void deleteGoal(AccountId caller, SiteId site, GoalId goal);
}
