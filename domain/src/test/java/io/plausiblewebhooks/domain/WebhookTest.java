package io.plausiblewebhooks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private final Instant now = Instant.parse("2026-02-26T10:00:00Z");
    private final Webhook webhook = Webhook.create(SiteId.random(), new Name("Slack"),
            new WebhookUrl("https://hooks.example.com/x"), new Secret("first-secret-0123456"), true, now);

    @Test
    void rotationKeepsTheOldSecretSigningFor24Hours() {
        Secret next = new Secret("second-secret-012345");
        Webhook rotated = webhook.rotateSecret(next, now);
        assertThat(rotated.signingSecrets(now.plus(Duration.ofHours(23))))
                .containsExactly(next, webhook.secret());
        assertThat(rotated.signingSecrets(now.plus(Duration.ofHours(24)))).containsExactly(next);
    }

    @Test
    void disablingRecordsTheReasonAndEnablingClearsIt() {
        Webhook disabled = webhook.disable("endpoint answered 410 Gone", now);
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("410");
        Webhook enabled = disabled.enable(now.plusSeconds(5));
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isNull();
        assertThat(enabled.updatedAt()).isEqualTo(now.plusSeconds(5));
    }

    @Test
    void toStringDoesNotRevealTheSecret() {
        assertThat(webhook.toString()).doesNotContain("first-secret");
    }
}
