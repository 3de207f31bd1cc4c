package io.plausiblewebhooks.adapter.delivery;

import io.plausiblewebhooks.domain.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of a webhook request, per Standard Webhooks (standardwebhooks.com):
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per secret and
 * space separated during a rotation; plus {@code X-Plausible-Signature: sha256=<hex HMAC of body>}
 * with the current secret.
 */
public final class StandardWebhooksSigner {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final String PLAUSIBLE_SIGNATURE = "X-Plausible-Signature";

    /** The headers in the order they are sent; {@code webhookId} is the external message id ({@code msg_…}). */
    public Map<String, String> headers(String webhookId, long unixSeconds, String body, List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret");
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] signedContent = (webhookId + "." + unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        StringBuilder signatures = new StringBuilder();
        for (Secret secret : secrets) {
            if (signatures.length() > 0) {
                signatures.append(' ');
            }
            signatures.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret.signingKey(), signedContent)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, webhookId);
        headers.put(TIMESTAMP, Long.toString(unixSeconds));
        headers.put(SIGNATURE, signatures.toString());
        headers.put(PLAUSIBLE_SIGNATURE, "sha256=" + HexFormat.of().formatHex(hmac(secrets.get(0).signingKey(), bodyBytes)));
        return headers;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is mandatory in every JDK and accepts any key length.
            throw new IllegalStateException(e);
        }
    }
}
