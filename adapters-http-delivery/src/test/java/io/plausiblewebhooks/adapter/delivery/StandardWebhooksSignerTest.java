package io.plausiblewebhooks.adapter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.delivery.testing.IndependentVerifier;
import io.plausiblewebhooks.domain.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {
    private final StandardWebhooksSigner signer = new StandardWebhooksSigner();

    @Test
    void signsThePublishedStandardWebhooksVector() {
        Map<String, String> headers = signer.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}", List.of(new Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));

        assertThat(headers).containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
                .containsEntry("webhook-timestamp", "1614265330");
    }

    @Test
    void signsWithEverySecretDuringARotationCurrentFirst() {
        String current = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String previous = "a-plain-secret-of-enough-length";
        Map<String, String> headers = signer.headers("msg_1", 1700000000L, "{}",
                List.of(new Secret(current), new Secret(previous)));

        String[] signatures = headers.get("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(IndependentVerifier.verifies(current, "msg_1", "1700000000", "{}", signatures[0])).isTrue();
        assertThat(IndependentVerifier.verifies(previous, "msg_1", "1700000000", "{}", signatures[1])).isTrue();
        assertThat(IndependentVerifier.verifies(previous, "msg_1", "1700000000", "{}", signatures[0])).isFalse();
    }

    @Test
    void plainSecretsSignWithTheirUtf8Bytes() {
        String secret = "not-a-standard-webhooks-secret";
        Map<String, String> headers = signer.headers("msg_2", 1L, "{\"a\":1}", List.of(new Secret(secret)));

        assertThat(IndependentVerifier.verifies(secret, "msg_2", "1", "{\"a\":1}", headers.get("webhook-signature"))).isTrue();
    }

    @Test
    void plausibleSignatureIsTheHexHmacOfTheBodyWithTheCurrentSecret() {
        Map<String, String> headers = signer.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}", List.of(new Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));

        // Independently: HMAC-SHA256(base64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), body), hex.
        String expected;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "HmacSHA256"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal("{\"test\": 2432232314}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            expected = "sha256=" + hex;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(headers.get("X-Plausible-Signature")).isEqualTo(expected).hasSize(7 + 64);
    }
}
