package io.plausiblewebhooks.adapter.delivery.plausible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plausiblewebhooks.application.port.out.StatsQuery.Count;
import io.plausiblewebhooks.adapter.delivery.GuardedDnsResolver;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard;
import io.plausiblewebhooks.adapter.delivery.SsrfGuard.RefusedDestinationException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A client of Plausible's Stats API for one site at a time: current visitors from
 * {@code GET /api/v1/stats/realtime/visitors}, everything else from {@code POST /api/v2/query}. Both need
 * a Stats API key ({@code Authorization: Bearer}). Every failure — refused key, rate limit, 5xx,
 * malformed answer, timeout — is a {@link PlausibleApiException} with a short, key-free message, so the
 * caller can record it as the site's {@code last_error} and not fire on missing data.
 *
 * <p>Rate limit: Plausible allows 600 requests per hour per key by default and answers 429 beyond it.
 * After a 429 the key is left alone until its {@code Retry-After} (else its {@code X-RateLimit-Reset},
 * else a back-off doubling from one minute to one hour) has passed; calls in that time fail at once
 * without a request. An answer with {@code X-RateLimit-Remaining: 0} and a reset time starts the same
 * wait without waiting for the 429.
 *
 * <p>Every host name is resolved through the SSRF guard and the connection goes to the address it
 * checked, as for webhooks: a base URL cannot be rebound by DNS to an internal address between the
 * check and the request.
 */
public final class PlausibleStatsClient {
    private static final Duration FIRST_BACK_OFF = Duration.ofMinutes(1);
    private static final Duration MAX_BACK_OFF = Duration.ofHours(1);
    /** Plausible's answers here are small; more than this is not an answer worth reading. */
    private static final int MAX_BODY = 1024 * 1024;

    private final CloseableHttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** Per API key: until when it must not be used, and the back-off that got it there. */
    private final Map<String, BackOff> backOffs = new ConcurrentHashMap<>();

    private record BackOff(Instant until, Duration last) {
    }

    /**
     * @param baseUrl e.g. {@code https://plausible.io} (a self-hosted instance's root URL)
     * @param siteId the site's domain as registered in Plausible
     */
    public record Source(URI baseUrl, String siteId, String apiKey) {
        public Source {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "Source[" + baseUrl + ", " + siteId + ", apiKey=(redacted)]";
        }
    }

    public PlausibleStatsClient(SSLContext sslContext, SsrfGuard guard, Duration connectTimeout, Duration requestTimeout,
                                Clock clock) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic())
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** Visitors on the site in the last 5 minutes, as Plausible's dashboard shows them. */
    public long realtimeVisitors(Source source) {
        URI uri = resolve(source, "/api/v1/stats/realtime/visitors?site_id="
                + URLEncoder.encode(source.siteId(), StandardCharsets.UTF_8));
        JsonNode answer = call(source, new HttpGet(uri));
        if (!answer.canConvertToLong()) {
            throw new PlausibleApiException("Plausible answered the realtime visitors with something else than a number");
        }
        return answer.longValue();
    }

    /** Unique visitors in [from, to]. */
    public long visitors(Source source, Instant from, Instant to) {
        List<JsonNode> results = query(source, "visitors", from, to, null, null, null, 1);
        return results.isEmpty() ? 0 : metric(results.get(0));
    }

    /**
     * The top values of a dimension ({@code visit:source}, {@code event:page}) by visitors in [from, to].
     * Plausible orders by the metric, most first.
     */
    public List<Count> top(Source source, String dimension, Instant from, Instant to, int limit) {
        List<Count> counts = new ArrayList<>();
        for (JsonNode row : query(source, "visitors", from, to, dimension, null, null, limit)) {
            JsonNode dimensions = row.get("dimensions");
            if (dimensions == null || !dimensions.isArray() || dimensions.isEmpty() || !dimensions.get(0).isTextual()) {
                throw new PlausibleApiException("Plausible answered a breakdown row without its dimension");
            }
            counts.add(new Count(dimensions.get(0).textValue(), metric(row)));
        }
        return counts;
    }

    /** Completions of a goal (as configured in Plausible, by its name) in [from, to]. */
    public long goalConversions(Source source, String goalName, Instant from, Instant to) {
        List<JsonNode> results = query(source, "events", from, to, null, "event:goal", goalName, 1);
        return results.isEmpty() ? 0 : metric(results.get(0));
    }

    /** Occurrences of the custom event {@code eventName} in [from, to]. */
    public long events(Source source, String eventName, Instant from, Instant to) {
        List<JsonNode> results = query(source, "events", from, to, null, "event:name", eventName, 1);
        return results.isEmpty() ? 0 : metric(results.get(0));
    }

    private List<JsonNode> query(Source source, String metric, Instant from, Instant to, String dimension,
                                 String filterDimension, String filterValue, int limit) {
        ObjectNode body = json.createObjectNode();
        body.put("site_id", source.siteId());
        body.putArray("metrics").add(metric);
        body.putArray("date_range").add(from.toString()).add(to.toString());
        if (dimension != null) {
            body.putArray("dimensions").add(dimension);
            ArrayNode order = body.putArray("order_by");
            order.addArray().add(metric).add("desc");
            body.putObject("pagination").put("limit", limit);
        }
        if (filterDimension != null) {
            ArrayNode filter = body.putArray("filters").addArray();
            filter.add("is").add(filterDimension).addArray().add(filterValue);
        }
        HttpPost post = new HttpPost(resolve(source, "/api/v2/query"));
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        JsonNode answer = call(source, post);
        JsonNode results = answer.get("results");
        if (results == null || !results.isArray()) {
            throw new PlausibleApiException("Plausible answered the query without results");
        }
        List<JsonNode> rows = new ArrayList<>();
        results.forEach(rows::add);
        return rows;
    }

    private static long metric(JsonNode row) {
        JsonNode metrics = row.get("metrics");
        if (metrics == null || !metrics.isArray() || metrics.isEmpty() || !metrics.get(0).canConvertToLong()) {
            throw new PlausibleApiException("Plausible answered a result row without its metric");
        }
        return metrics.get(0).longValue();
    }

    /** What this client reads of an answer: status, the rate-limit headers, and a bounded body. */
    private record Answer(int status, Map<String, String> headers, String body) {
        java.util.Optional<String> header(String name) {
            return java.util.Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private JsonNode call(Source source, ClassicHttpRequest request) {
        Instant now = clock.instant();
        BackOff backOff = backOffs.get(source.apiKey());
        if (backOff != null && now.isBefore(backOff.until())) {
            throw new PlausibleApiException("Plausible rate limit reached (429); backing off until " + backOff.until(), true);
        }
        request.setHeader("Authorization", "Bearer " + source.apiKey());
        request.setHeader("Accept", "application/json");
        Answer response;
        try {
            response = http.execute(request, answer -> {
                Map<String, String> headers = new java.util.HashMap<>();
                for (Header header : answer.getHeaders()) {
                    headers.putIfAbsent(header.getName().toLowerCase(java.util.Locale.ROOT), header.getValue());
                }
                String body;
                try {
                    body = answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8, MAX_BODY);
                } catch (ParseException e) {
                    body = "";
                }
                return new Answer(answer.getCode(), headers, body);
            });
        } catch (SocketTimeoutException e) {
            throw new PlausibleApiException("Plausible did not answer within " + requestTimeout.toMillis() + " ms");
        } catch (RefusedDestinationException e) {
            throw new PlausibleApiException("base_url refused at connect time: " + e.getMessage());
        } catch (IOException e) {
            throw new PlausibleApiException("cannot reach Plausible: " + e.getClass().getSimpleName());
        }
        int status = response.status();
        if (status == 429) {
            Duration wait = retryAfter(response).or(() -> rateLimitReset(response, now))
                    .orElseGet(() -> backOff == null ? FIRST_BACK_OFF : min(backOff.last().multipliedBy(2), MAX_BACK_OFF));
            Instant until = now.plus(wait);
            backOffs.put(source.apiKey(), new BackOff(until, wait));
            throw new PlausibleApiException("Plausible rate limit reached (429); backing off until " + until, true);
        }
        backOffs.remove(source.apiKey());
        // The budget is spent but this answer still counts: wait for the reset instead of earning a 429.
        if (response.header("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent()) {
            rateLimitReset(response, now).ifPresent(wait -> backOffs.put(source.apiKey(), new BackOff(now.plus(wait), wait)));
        }
        if (status == 401 || status == 403) {
            throw new PlausibleApiException("Plausible refused the API key (" + status
                    + "); it needs the Stats API scope and access to site " + source.siteId());
        }
        if (status != 200) {
            throw new PlausibleApiException("Plausible answered " + status + errorDetail(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PlausibleApiException("Plausible answered malformed JSON");
        }
    }

    /** Plausible's {@code {"error": "..."}}, shortened; it never contains the key. */
    private String errorDetail(String body) {
        try {
            JsonNode error = json.readTree(body).get("error");
            if (error != null && error.isTextual()) {
                String text = error.textValue();
                return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // the status alone says enough
        }
        return "";
    }

    private static java.util.Optional<Duration> retryAfter(Answer response) {
        return response.header("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? java.util.Optional.of(min(Duration.ofSeconds(seconds), MAX_BACK_OFF))
                        : java.util.Optional.empty();
            } catch (NumberFormatException httpDate) {
                return java.util.Optional.empty();
            }
        });
    }

    /**
     * {@code X-RateLimit-Reset}: when the key's budget refills, as Unix seconds or, for small values,
     * as seconds from now (both conventions are in use); capped like {@code Retry-After}.
     */
    private static java.util.Optional<Duration> rateLimitReset(Answer response, Instant now) {
        return response.header("X-RateLimit-Reset").flatMap(value -> {
            try {
                long reset = Long.parseLong(value.trim());
                Duration wait = reset > 1_000_000_000L ? Duration.between(now, Instant.ofEpochSecond(reset))
                        : Duration.ofSeconds(reset);
                return wait.isNegative() ? java.util.Optional.empty() : java.util.Optional.of(min(wait, MAX_BACK_OFF));
            } catch (NumberFormatException notSeconds) {
                return java.util.Optional.empty();
            }
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static URI resolve(Source source, String pathAndQuery) {
        String base = source.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }
}
