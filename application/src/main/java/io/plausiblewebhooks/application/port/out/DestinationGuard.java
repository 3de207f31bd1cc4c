package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.WebhookUrl;

/**
 * Decides whether a webhook URL may be used as a destination (SSRF guard), at create and update
 * time. The sender repeats the check at connect time on the addresses it then connects to.
 */
public interface DestinationGuard {
    /** @throws io.plausiblewebhooks.domain.ValidationException (field {@code url}) when refused */
    void check(WebhookUrl url);
}
