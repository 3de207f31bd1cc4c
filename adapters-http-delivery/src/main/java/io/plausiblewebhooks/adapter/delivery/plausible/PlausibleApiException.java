package io.plausiblewebhooks.adapter.delivery.plausible;

/** Plausible could not answer; the message is short, safe to show as a site's {@code last_error}, key-free. */
public final class PlausibleApiException extends RuntimeException {
    private final boolean rateLimited;

    public PlausibleApiException(String message) {
        this(message, false);
    }

    public PlausibleApiException(String message, boolean rateLimited) {
        super(message, null, false, false);
        this.rateLimited = rateLimited;
    }

    /** True for a 429, or a call refused while backing off after one. */
    public boolean rateLimited() {
        return rateLimited;
    }
}
