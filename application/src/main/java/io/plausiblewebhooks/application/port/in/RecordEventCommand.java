package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.Validation;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One event as Plausible's Events API takes it ({@code POST /api/event}), plus the two request headers
 * that identify the visitor. Validates itself; every invalid field is named.
 *
 * @param domain comma-separated site domains, or null for the URL's host
 * @param props custom properties: at most 30 scalar values (string, number, boolean)
 * @param revenue {@code {amount, currency}} or null
 * @param clientIp the first address of {@code X-Forwarded-For}, else the peer address
 */
public record RecordEventCommand(
        String name,
        String url,
        String domain,
        String referrer,
        Map<String, Object> props,
        Map<String, Object> revenue,
        String userAgent,
        String clientIp) {

    public static final int MAX_NAME = 120;
    public static final int MAX_URL = 2000;
    public static final int MAX_REFERRER = 2000;
    public static final int MAX_PROPS = 30;
    public static final int MAX_PROP_KEY = 300;
    public static final int MAX_PROP_VALUE = 2000;
    public static final int MAX_USER_AGENT = 1000;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public RecordEventCommand {
        Validation v = new Validation();
        if (name == null || name.isBlank()) {
            v.reject("name", "is required");
        } else if (name.length() > MAX_NAME || hasControlCharacter(name)) {
            v.reject("name", "must be at most " + MAX_NAME + " characters without control characters");
        }
        URI uri = null;
        if (url == null || url.isBlank()) {
            v.reject("url", "is required");
        } else if (url.length() > MAX_URL) {
            v.reject("url", "must be at most " + MAX_URL + " characters");
        } else {
            uri = parseUrl(url, v);
        }
        if (domain != null) {
            List<String> domains = splitDomains(domain);
            if (domains.isEmpty()) {
                v.reject("domain", "must name at least one site domain");
            }
            domains.forEach(d -> v.check(() -> new SiteDomain(d)));
        } else if (uri != null && uri.getHost() == null) {
            v.reject("domain", "is required when the url has no host");
        }
        if (referrer != null && (referrer.length() > MAX_REFERRER || hasControlCharacter(referrer))) {
            v.reject("referrer", "must be at most " + MAX_REFERRER + " characters without control characters");
        }
        props = checkProps(props, v);
        revenue = checkRevenue(revenue, v);
        if (userAgent == null || userAgent.isBlank()) {
            v.reject("User-Agent", "header is required");
        } else if (userAgent.length() > MAX_USER_AGENT) {
            v.reject("User-Agent", "header must be at most " + MAX_USER_AGENT + " characters");
        }
        if (clientIp == null || clientIp.isBlank()) {
            v.reject("X-Forwarded-For", "the client address is unknown");
        }
        v.throwIfInvalid();
    }

    /** The site domains the event is for: {@code domain}'s entries, else the URL's host without {@code www.}. */
    public List<String> siteDomains() {
        if (domain != null) {
            return splitDomains(domain).stream().map(d -> new SiteDomain(d).value()).distinct().toList();
        }
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
        return List.of(host.startsWith("www.") ? host.substring(4) : host);
    }

    public BigDecimal revenueAmount() {
        return revenue == null ? null : new BigDecimal(revenue.get("amount").toString());
    }

    public String revenueCurrency() {
        return revenue == null ? null : (String) revenue.get("currency");
    }

    private static URI parseUrl(String url, Validation v) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute()) {
                v.reject("url", "must be an absolute URL");
                return null;
            }
            if ("data".equalsIgnoreCase(uri.getScheme())) {
                v.reject("url", "must not be a data: URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            v.reject("url", "is not a valid URL");
            return null;
        }
    }

    private static List<String> splitDomains(String domain) {
        List<String> domains = new ArrayList<>();
        for (String part : domain.split(",")) {
            if (!part.isBlank()) {
                domains.add(part.trim());
            }
        }
        return domains;
    }

    private static Map<String, Object> checkProps(Map<String, Object> props, Validation v) {
        if (props == null || props.isEmpty()) {
            return Map.of();
        }
        if (props.size() > MAX_PROPS) {
            v.reject("props", "must have at most " + MAX_PROPS + " entries");
            return Map.of();
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_PROP_KEY) {
                v.reject("props", "keys must be 1–" + MAX_PROP_KEY + " characters");
            } else if (value == null) {
                // Plausible drops empty values.
            } else if (value instanceof String text) {
                if (text.length() > MAX_PROP_VALUE) {
                    v.reject("props." + key, "must be at most " + MAX_PROP_VALUE + " characters");
                } else {
                    clean.put(key, text);
                }
            } else if (value instanceof Number || value instanceof Boolean) {
                clean.put(key, value);
            } else {
                v.reject("props." + key, "must be a string, number or boolean, not an object or list");
            }
        });
        return Collections.unmodifiableMap(clean);
    }

    private static Map<String, Object> checkRevenue(Map<String, Object> revenue, Validation v) {
        if (revenue == null) {
            return null;
        }
        Object amount = revenue.get("amount");
        Object currency = revenue.get("currency");
        boolean validAmount = false;
        if (amount instanceof Number || amount instanceof String) {
            try {
                new BigDecimal(amount.toString());
                validAmount = true;
            } catch (NumberFormatException e) {
                validAmount = false;
            }
        }
        if (!validAmount) {
            v.reject("revenue.amount", "must be a number");
        }
        if (!(currency instanceof String code) || !CURRENCY.matcher(code).matches()) {
            v.reject("revenue.currency", "must be an ISO 4217 code such as USD");
        }
        return validAmount ? Map.of("amount", amount.toString(), "currency", String.valueOf(currency)) : null;
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
