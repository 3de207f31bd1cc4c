package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.PlausibleApiKey;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.WebhookUrl;

/**
 * A requested stats source, validated; fields are named as in the API ({@code stats_source.type}, …).
 * The API key may be left out when changing a plausible_api source of the same instance: the stored
 * key is kept. It is never kept for another base URL, so a key cannot be redirected to a new host
 * by someone who cannot read it.
 *
 * @param apiKey null when not given
 */
public record StatsSourceInput(String type, WebhookUrl baseUrl, String siteId, PlausibleApiKey apiKey) {
    public StatsSourceInput {
        if (!StatsSource.LOCAL.equals(type) && !StatsSource.PLAUSIBLE_API.equals(type)) {
            throw new ValidationException("stats_source.type", "must be local or plausible_api");
        }
    }

    /** The request's {@code stats_source} object as received. */
    public record Raw(String type, String baseUrl, String siteId, String apiKey) {
        @Override
        public String toString() {
            return "Raw[type=" + type + ", baseUrl=" + baseUrl + ", siteId=" + siteId + ", apiKey=(redacted)]";
        }
    }

    /** Null when {@code raw} is null or invalid; the failures are recorded in {@code input}. */
    static StatsSourceInput parse(CommandInput input, Raw raw) {
        if (raw == null) {
            return null;
        }
        String type = raw.type();
        String baseUrl = raw.baseUrl();
        String siteId = raw.siteId();
        String apiKey = raw.apiKey();
        if (type == null) {
            input.reject("stats_source.type", "is required: local or plausible_api");
            return null;
        }
        if (StatsSource.LOCAL.equals(type)) {
            if (baseUrl != null || siteId != null || apiKey != null) {
                input.reject("stats_source", "base_url, site_id and api_key are only for plausible_api");
                return null;
            }
            return new StatsSourceInput(type, null, null, null);
        }
        if (!StatsSource.PLAUSIBLE_API.equals(type)) {
            input.reject("stats_source.type", "must be local or plausible_api");
            return null;
        }
        PlausibleApiKey key = input.optional(apiKey, PlausibleApiKey::new);
        WebhookUrl url = input.required("stats_source.base_url", baseUrl, StatsSource.PlausibleApi::baseUrl);
        String site = input.required("stats_source.site_id", siteId, StatsSource.PlausibleApi::checkSiteId);
        if (url == null || site == null || (apiKey != null && key == null)) {
            return null;
        }
        return new StatsSourceInput(type, url, site, key);
    }

    /**
     * The source to store, given the site's current one.
     *
     * @throws ValidationException on {@code stats_source.api_key} when a key is needed and none was given
     */
    public StatsSource resolve(StatsSource current) {
        if (StatsSource.LOCAL.equals(type)) {
            return StatsSource.local();
        }
        PlausibleApiKey key = apiKey;
        if (key == null && current instanceof StatsSource.PlausibleApi stored && stored.baseUrl().equals(baseUrl)) {
            key = stored.apiKey();
        }
        if (key == null) {
            throw new ValidationException("stats_source.api_key", current instanceof StatsSource.PlausibleApi
                    ? "is required when the base_url changes" : "is required for plausible_api");
        }
        return new StatsSource.PlausibleApi(baseUrl, siteId, key);
    }

    @Override
    public String toString() {
        return "StatsSourceInput[type=" + type + ", baseUrl=" + baseUrl + ", siteId=" + siteId + ", apiKey="
                + (apiKey == null ? "absent" : "(redacted)") + "]";
    }
}
