package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.WebhookUrl;

/** Decides whether a webhook may be sent to a URL (the SSRF guard). */
public interface DestinationGuard {
    /** @throws io.plausiblewebhooks.domain.ValidationException on {@code url} for a refused destination */
    void check(WebhookUrl url);
}
