package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Goal;

public interface CreateGoalUseCase {
    /**
     * @throws io.plausiblewebhooks.domain.NotFoundException when the site is missing or another account's
     * @throws io.plausiblewebhooks.domain.ConflictException when the site has the same goal already
     */
    Goal createGoal(CreateGoalCommand command);
}
