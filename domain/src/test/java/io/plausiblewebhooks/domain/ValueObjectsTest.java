package io.plausiblewebhooks.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void acceptsAbsoluteHttpsUrlWithHost() {
        assertThat(new WebhookUrl("https://hooks.example.com/plausible?x=1").host()).isEqualTo("hooks.example.com");
        assertThat(new WebhookUrl("https://[2001:db8::1]:8443/h").host()).isEqualTo("2001:db8::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/hook", "javascript:alert(1)", "https://user:pw@example.com/",
            "https:///path-only", "example.com/hook", "ftp://example.com/", "https://exa mple.com/", "",
            "https://example.com/\u0000", "data:text/plain,hi"})
    void rejectsUrlsThatAreNotAbsoluteHttpsWithAHostAndNoUserInfo(String url) {
        assertThatThrownBy(() -> new WebhookUrl(url))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("url"));
    }

    @Test
    void rejectsUrlLongerThan2048Characters() {
        String base = "https://example.com/";
        assertThat(new WebhookUrl(base + "a".repeat(2048 - base.length())).value()).hasSize(2048);
        assertThatThrownBy(() -> new WebhookUrl(base + "a".repeat(2049 - base.length())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("url");
    }

    @Test
    void secretMustBe16To255Characters() {
        assertThat(new Secret("a".repeat(16)).value()).hasSize(16);
        assertThat(new Secret("a".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new Secret("a".repeat(15))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Secret("a".repeat(256))).isInstanceOf(ValidationException.class);
    }

    @Test
    void secretNeverShowsItselfInToString() {
        Secret secret = new Secret("super-secret-value-123");
        assertThat(secret.toString()).doesNotContain("super-secret");
        assertThat(new ApiKeySecret("pwk_very_secret_key").toString()).doesNotContain("very_secret");
    }

    @Test
    void standardWebhooksSecretsSignWithTheirDecodedBytes() {
        byte[] raw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Secret whsec = new Secret("whsec_" + Base64.getEncoder().encodeToString(raw));
        assertThat(whsec.signingKey()).isEqualTo(raw);
        assertThat(new Secret("plain-secret-of-20ch").signingKey())
                .isEqualTo("plain-secret-of-20ch".getBytes(StandardCharsets.UTF_8));
        assertThat(Secret.generate().value()).startsWith("whsec_");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void thresholdMustBePositive(int value) {
        assertThatThrownBy(() -> new Threshold(value))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("threshold"));
    }

    @Test
    void nameIsOneTo255CharactersWithoutControls() {
        assertThat(new Name("x".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new Name("x".repeat(256))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Name("  ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Name("evil\r\nX-Injected: 1")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Name("abc\u202Egnp.exe")).isInstanceOf(ValidationException.class);
    }

    @Test
    void siteDomainIsALowerCaseHostName() {
        assertThat(new SiteDomain("Blog.Example.COM").value()).isEqualTo("blog.example.com");
        for (String bad : new String[] {"https://example.com", "example.com/path", "exa mple.com", "-x.com", ""}) {
            assertThatThrownBy(() -> new SiteDomain(bad)).as(bad).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void idsParseOnlyCanonicalUuids() {
        assertThatThrownBy(() -> SiteId.parse("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SiteId.parse("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        SiteId id = SiteId.random();
        assertThat(SiteId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void messageIdRoundTripsThroughItsExternalForm() {
        MessageId id = MessageId.random();
        assertThat(id.external()).startsWith("msg_").hasSize(36);
        assertThat(MessageId.parse(id.external())).isEqualTo(id);
        assertThat(MessageId.parse(id.value().toString())).isEqualTo(id);
    }

    @Test
    void validationCollectsEveryInvalidField() {
        Validation v = new Validation();
        v.check(() -> new Name(""));
        v.check(() -> new WebhookUrl("http://x"));
        v.check(() -> new Secret("short"));
        assertThatThrownBy(v::throwIfInvalid)
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("name", "url", "secret"));
    }
}
