package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.adapter.rest.ApiRequest;
import io.plausiblewebhooks.application.port.in.StatsSourceInput;

/** Request bodies for sites and goals. Missing fields are null; the commands decide what is required. */
public final class SiteRequests {
    private SiteRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateSite(String domain, String timezone, StatsSourceBody statsSource) implements ApiRequest {
    }

    /** PATCH: absent fields stay as they are; the domain cannot change. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UpdateSite(String timezone, StatsSourceBody statsSource) implements ApiRequest {
    }

    /** {@code {"type": "local"}} or {@code {"type": "plausible_api", "base_url", "site_id", "api_key"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatsSourceBody(String type, String baseUrl, String siteId, String apiKey) {
        public StatsSourceInput.Raw raw() {
            return new StatsSourceInput.Raw(type, baseUrl, siteId, apiKey);
        }

        @Override
        public String toString() {
            return "StatsSourceBody[type=" + type + ", baseUrl=" + baseUrl + ", siteId=" + siteId + ", apiKey=(redacted)]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateGoal(String eventName, String pagePath, String displayName) implements ApiRequest {
    }
}
