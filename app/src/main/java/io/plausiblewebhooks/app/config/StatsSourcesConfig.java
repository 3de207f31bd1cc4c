package io.plausiblewebhooks.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code statsSources:} — how sites with a {@code plausible_api} stats source are read. */
public class StatsSourcesConfig {
    @Valid
    @NotNull
    @JsonProperty
    private PlausibleApi plausibleApi = new PlausibleApi();

    public PlausibleApi getPlausibleApi() {
        return plausibleApi;
    }

    /** {@code statsSources.plausibleApi:} */
    public static class PlausibleApi {
        /** Requests per hour and API key; Plausible allows 600 by default. Spread over the checks. */
        @JsonProperty
        @Min(1)
        @Max(1_000_000)
        private int requestsPerHour = 600;

        @JsonProperty
        @NotNull
        private Duration connectTimeout = Duration.seconds(5);

        @JsonProperty
        @NotNull
        private Duration requestTimeout = Duration.seconds(10);

        /** Goal conversions are counted up to now minus this, leaving Plausible time to ingest recent events. */
        @JsonProperty
        @NotNull
        private Duration settleDelay = Duration.seconds(30);

        public int getRequestsPerHour() {
            return requestsPerHour;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public Duration getSettleDelay() {
            return settleDelay;
        }
    }
}
