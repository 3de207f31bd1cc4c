package io.plausiblewebhooks.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a webhook is sent: an absolute https URL of at most 2048 characters, with a host and
 * without user-info. Whether the host is an acceptable destination (SSRF) is decided by the
 * delivery adapter, which needs DNS.
 */
public record WebhookUrl(String value) {
    public static final int MAX_LENGTH = 2048;

    public WebhookUrl {
        if (value == null || value.isBlank()) {
            throw new ValidationException("url", "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ValidationException("url", "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri = parse(value);
        if (!uri.isAbsolute() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new ValidationException("url", "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("url", "must not contain user information");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ValidationException("url", "must have a host");
        }
        // java.net.URI takes any number as a port; the HTTP client would fail on it at every delivery.
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ValidationException("url", "must have a port between 1 and 65535");
        }
    }

    public URI uri() {
        return URI.create(value);
    }

    public String host() {
        String host = uri().getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static URI parse(String value) {
        if (value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new ValidationException("url", "must not contain spaces or control characters");
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ValidationException("url", "is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
