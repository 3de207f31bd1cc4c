package io.plausiblewebhooks.application.service.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Where a visit came from, as Plausible names it: the {@code utm_source} (or {@code ref}/{@code source})
 * query parameter of the page URL, else the referrer's host without {@code www.}, with well-known
 * hosts given their usual names. Null means direct traffic ("Direct / None").
 */
final class Sources {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("google", "Google"),
            Map.entry("bing", "Bing"),
            Map.entry("duckduckgo", "DuckDuckGo"),
            Map.entry("yahoo", "Yahoo!"),
            Map.entry("ecosia", "Ecosia"),
            Map.entry("facebook", "Facebook"),
            Map.entry("instagram", "Instagram"),
            Map.entry("linkedin", "LinkedIn"),
            Map.entry("reddit", "Reddit"),
            Map.entry("youtube", "YouTube"),
            Map.entry("github", "GitHub"),
            Map.entry("t.co", "Twitter"),
            Map.entry("twitter", "Twitter"),
            Map.entry("x.com", "Twitter"),
            Map.entry("news.ycombinator.com", "Hacker News"));
    private static final int MAX_SOURCE = 255;

    private Sources() {
    }

    static String of(URI page, String referrer) {
        String fromQuery = queryParameter(page.getRawQuery(), "utm_source", "ref", "source");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return truncate(fromQuery.trim());
        }
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        String host;
        try {
            host = new URI(referrer.trim()).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (page.getHost() != null) {
            String pageHost = page.getHost().toLowerCase(Locale.ROOT);
            if (host.equals(pageHost) || ("www." + host).equals(pageHost)) {
                return null;  // internal navigation
            }
        }
        return truncate(knownName(host));
    }

    private static String knownName(String host) {
        String known = KNOWN.get(host);
        if (known != null) {
            return known;
        }
        // google.com, google.co.uk, m.facebook.com, …
        for (String label : host.split("\\.")) {
            String name = KNOWN.get(label);
            if (name != null) {
                return name;
            }
        }
        return host;
    }

    private static String queryParameter(String rawQuery, String... names) {
        if (rawQuery == null) {
            return null;
        }
        for (String name : names) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    try {
                        return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static String truncate(String text) {
        return text.length() > MAX_SOURCE ? text.substring(0, MAX_SOURCE) : text;
    }
}
