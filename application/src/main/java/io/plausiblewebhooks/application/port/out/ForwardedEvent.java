package io.plausiblewebhooks.application.port.out;

import java.util.Objects;

/**
 * An events-API request as it should reach the upstream.
 *
 * @param body the request body exactly as received
 * @param contentType the request's {@code Content-Type}, or null
 * @param userAgent the client's {@code User-Agent}, or null
 * @param forwardedFor {@code X-Forwarded-For} with this hop's peer already appended
 */
public record ForwardedEvent(byte[] body, String contentType, String userAgent, String forwardedFor) {
    public ForwardedEvent {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(forwardedFor, "forwardedFor");
    }

    /**
     * {@code X-Forwarded-For} for the next hop: the received value with the peer appended, as proxies
     * do, so that the first address stays the client.
     */
    public static String appendHop(String receivedForwardedFor, String peerAddress) {
        if (receivedForwardedFor == null || receivedForwardedFor.isBlank()) {
            return peerAddress;
        }
        return receivedForwardedFor.trim() + ", " + peerAddress;
    }

    @Override
    public String toString() {
        return "ForwardedEvent[" + body.length + " bytes]";
    }
}
