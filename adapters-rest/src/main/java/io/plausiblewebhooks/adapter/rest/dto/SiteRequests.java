package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.ApiRequest;

/** Request bodies for sites and goals. Missing fields are null; the commands decide what is required. */
public final class SiteRequests {
    private SiteRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateSite(String domain, String timezone) implements ApiRequest {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateGoal(String eventName, String pagePath, String displayName) implements ApiRequest {
    }
}
