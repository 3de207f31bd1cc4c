package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.Times;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.Site;

public final class SiteResponses {
    private SiteResponses() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SiteResponse(String id, String domain, String timezone, String insertedAt) {
        public static SiteResponse of(Site site) {
            return new SiteResponse(site.id().toString(), site.domain().value(), site.timezone().getId(),
                    Times.format(site.insertedAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GoalResponse(String id, String siteId, String eventName, String pagePath, String displayName) {
        public static GoalResponse of(Goal goal) {
            return new GoalResponse(goal.id().toString(), goal.siteId().toString(), goal.eventName(),
                    goal.pagePath(), goal.displayName());
        }
    }
}
