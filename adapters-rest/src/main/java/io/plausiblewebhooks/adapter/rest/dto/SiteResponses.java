package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.Times;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.StatsSourceError;

public final class SiteResponses {
    private SiteResponses() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SiteResponse(String id, String domain, String timezone, String insertedAt,
                               StatsSourceResponse statsSource) {
        public static SiteResponse of(Site site) {
            return new SiteResponse(site.id().toString(), site.domain().value(), site.timezone().getId(),
                    Times.format(site.insertedAt()), StatsSourceResponse.of(site));
        }
    }

    /** The stats source without its key, which is never shown; {@code last_error} is null when the last read worked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatsSourceResponse(String type, String baseUrl, String siteId, String lastError, String lastErrorAt) {
        static StatsSourceResponse of(Site site) {
            StatsSourceError error = site.lastError();
            String message = error == null ? null : error.message();
            String at = error == null ? null : Times.format(error.at());
            if (site.statsSource() instanceof StatsSource.PlausibleApi api) {
                return new StatsSourceResponse(api.type(), api.baseUrl().value(), api.siteId(), message, at);
            }
            return new StatsSourceResponse(site.statsSource().type(), null, null, message, at);
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
