package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.SiteId;
import java.util.List;

public interface ListGoalsUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when the site is missing or another account's */
    List<Goal> listGoals(AccountId caller, SiteId site);
}
