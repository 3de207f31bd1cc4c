package io.plausiblewebhooks.adapter.delivery.plausible;

/** Plausible could not answer; the message is short, safe to show as a site's {@code last_error}, key-free. */
public final class PlausibleApiException extends RuntimeException {
    public PlausibleApiException(String message) {
        super(message, null, false, false);
    }
}
