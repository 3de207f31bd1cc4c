package io.plausiblewebhooks.adapter.delivery.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a request the way a receiver's Standard Webhooks library does, written from the spec
 * (standardwebhooks.com) independently of the production signer.
 */
public final class IndependentVerifier {
    private IndependentVerifier() {
    }

    /** True when any {@code v1,} signature in the header matches the secret. */
    public static boolean verifies(String secret, String webhookId, String timestamp, String body, String signatureHeader) {
        if (signatureHeader == null || webhookId == null || timestamp == null) {
            return false;
        }
        byte[] expected = hmac(key(secret), (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatureHeader.split(" ")) {
            if (candidate.startsWith("v1,")) {
                byte[] given = Base64.getDecoder().decode(candidate.substring(3));
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean verifies(String secret, TestReceiver.Received request) {
        return verifies(secret, request.header("webhook-id"), request.header("webhook-timestamp"), request.body(),
                request.header("webhook-signature"));
    }

    /** The simpler header: {@code sha256=<hex HMAC of the body>}. */
    public static boolean verifiesPlausibleSignature(String secret, TestReceiver.Received request) {
        byte[] mac = hmac(key(secret), request.body().getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString().equals(request.header("x-plausible-signature"));
    }

    private static byte[] key(String secret) {
        return secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
