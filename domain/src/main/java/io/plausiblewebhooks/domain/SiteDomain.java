package io.plausiblewebhooks.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A site's domain as Plausible knows it ("example.com", "blog.example.com"): a host name, stored in
 * lower case, without scheme, port or path.
 */
public record SiteDomain(String value) {
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public SiteDomain {
        if (value == null || value.isBlank()) {
            throw new ValidationException("domain", "must not be blank");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(value).matches()) {
            throw new ValidationException("domain", "must be a host name such as example.com, without scheme or path");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
