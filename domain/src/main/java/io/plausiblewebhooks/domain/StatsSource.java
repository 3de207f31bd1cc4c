package io.plausiblewebhooks.domain;

import java.util.Objects;

/**
 * Where a site's traffic statistics come from: our own {@code events} table ({@link Local}, fed by
 * {@code POST /api/event}), or a Plausible instance's Stats API ({@link PlausibleApi}).
 */
public sealed interface StatsSource permits StatsSource.Local, StatsSource.PlausibleApi {
    String LOCAL = "local";
    String PLAUSIBLE_API = "plausible_api";

    /** The API name of the source type: {@code local} or {@code plausible_api}. */
    String type();

    static StatsSource local() {
        return Local.INSTANCE;
    }

    /** The events recorded by this service. */
    record Local() implements StatsSource {
        private static final Local INSTANCE = new Local();

        @Override
        public String type() {
            return LOCAL;
        }
    }

    /**
     * A site of a Plausible instance, read through its Stats API.
     *
     * @param baseUrl the instance's root, e.g. {@code https://plausible.io}: https, no user-info
     * @param siteId the site's domain as registered in Plausible
     * @param apiKey a Stats API key with access to the site
     */
    record PlausibleApi(WebhookUrl baseUrl, String siteId, PlausibleApiKey apiKey) implements StatsSource {
        public static final int MAX_SITE_ID = 255;

        public PlausibleApi {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            checkSiteId(siteId);
        }

        /**
         * A Plausible instance's root URL: https, no user-info, no query or fragment; a trailing
         * slash is dropped ("https://plausible.io/" is "https://plausible.io").
         *
         * @throws ValidationException on {@code stats_source.base_url}
         */
        public static WebhookUrl baseUrl(String raw) {
            WebhookUrl url;
            try {
                url = new WebhookUrl(raw != null && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            } catch (ValidationException e) {
                throw new ValidationException("stats_source.base_url", e.errors().values().iterator().next().get(0));
            }
            if (url.uri().getRawQuery() != null || url.uri().getRawFragment() != null) {
                throw new ValidationException("stats_source.base_url", "must be the instance's root URL, without query or fragment");
            }
            return url;
        }

        /** @throws ValidationException on {@code stats_source.site_id} */
        public static String checkSiteId(String siteId) {
            if (siteId == null || siteId.isBlank() || siteId.length() > MAX_SITE_ID
                    || siteId.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new ValidationException("stats_source.site_id",
                        "must be the site's domain in Plausible: 1–" + MAX_SITE_ID + " characters without spaces");
            }
            return siteId;
        }

        @Override
        public String type() {
            return PLAUSIBLE_API;
        }

        @Override
        public String toString() {
            return "PlausibleApi[baseUrl=" + baseUrl + ", siteId=" + siteId + ", apiKey=(redacted)]";
        }
    }
}
