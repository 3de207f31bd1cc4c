package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String SECRET = "whsec_c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZw==";
    private final byte[] oldKey = SecretBox.newKey();
    private final byte[] newKey = SecretBox.newKey();

    @Test
    void sealedValueOpensWithTheSameContextAndHidesThePlaintext() {
        SecretBox box = new SecretBox(newKey, List.of());

        String sealed = box.seal(SECRET, "webhooks.secret:1");

        assertThat(sealed).startsWith("enc:v1:" + SecretBox.keyId(newKey) + ":").doesNotContain(SECRET)
                .doesNotContain("c2VjcmV0");
        assertThat(box.open(sealed, "webhooks.secret:1")).isEqualTo(SECRET);
    }

    @Test
    void everySealUsesAFreshNonce() {
        SecretBox box = new SecretBox(newKey, List.of());

        assertThat(box.seal(SECRET, "c")).isNotEqualTo(box.seal(SECRET, "c"));
    }

    @Test
    void valueMovedToAnotherRowOrAlteredDoesNotOpen() {
        SecretBox box = new SecretBox(newKey, List.of());
        String sealed = box.seal(SECRET, "webhooks.secret:1");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String altered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.open(sealed, "webhooks.secret:2")).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> box.open(altered, "webhooks.secret:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void previousKeysOpenOldValuesWhichNeedResealing() {
        String sealedUnderOld = new SecretBox(oldKey, List.of()).seal(SECRET, "c");
        SecretBox rotated = new SecretBox(newKey, List.of(oldKey));

        assertThat(rotated.open(sealedUnderOld, "c")).isEqualTo(SECRET);
        assertThat(rotated.needsResealing(sealedUnderOld)).isTrue();
        assertThat(rotated.needsResealing(rotated.seal(SECRET, "c"))).isFalse();
        assertThat(rotated.needsResealing(SECRET)).as("plaintext from before encryption").isTrue();
    }

    @Test
    void unknownKeyIsNamedByIdOnly() {
        String sealedUnderOld = new SecretBox(oldKey, List.of()).seal(SECRET, "c");

        assertThatThrownBy(() -> new SecretBox(newKey, List.of()).open(sealedUnderOld, "c"))
                .hasMessageContaining(SecretBox.keyId(oldKey))
                .hasMessageContaining("auth.previousSecretEncryptionKeys")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void configuredKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> SecretBox.decodeKey("not base64!", "auth.secretEncryptionKey"))
                .hasMessageContaining("auth.secretEncryptionKey");
        assertThatThrownBy(() -> SecretBox.decodeKey(Base64.getEncoder().encodeToString(new byte[16]), "k"))
                .hasMessageContaining("32 bytes");
        assertThat(new SecretBox(newKey, List.of()).toString()).doesNotContain(Base64.getEncoder().encodeToString(newKey));
    }
}
