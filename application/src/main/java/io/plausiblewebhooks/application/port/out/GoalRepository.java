package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import java.util.List;
import java.util.Optional;

public interface GoalRepository {
    /** @throws io.plausiblewebhooks.domain.ConflictException when the site has the same goal already */
    void insert(Goal goal);

    List<Goal> listBySite(SiteId site);

    Optional<Goal> find(SiteId site, GoalId id);

    boolean delete(SiteId site, GoalId id);
}
