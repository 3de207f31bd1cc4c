package io.plausiblewebhooks.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.application.port.in.CreateSiteCommand;
import io.plausiblewebhooks.application.port.in.CreateWebhookCommand;
import io.plausiblewebhooks.application.port.in.RotateWebhookSecretCommand;
import io.plausiblewebhooks.application.port.in.UpdateWebhookCommand;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookServiceTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");
    /** Refuses one host, as the real guard refuses private destinations. */
    private static final DestinationGuard GUARD = url -> {
        if (url.host().equals("internal.example")) {
            throw new ValidationException("url", "resolves to a private address");
        }
    };

    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookService service = new WebhookService(repos.siteRepository, repos.webhookRepository, GUARD, clock);
    private final AccountId alice = AccountId.random();
    private final AccountId bob = AccountId.random();
    private Site site;

    @BeforeEach
    void createSite() {
        site = new SiteService(repos.siteRepository, repos.goalRepository, repos.webhookRepository, url -> { }, clock)
                .createSite(CreateSiteCommand.from(alice, "example.com", null));
    }

    @Test
    void generatesStandardWebhooksSecretWhenOmitted() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", null, null));

        assertThat(webhook.secret().value()).startsWith("whsec_");
        assertThat(webhook.enabled()).isTrue();
        assertThat(repos.webhooks).containsKey(webhook.id());
    }

    @Test
    void keepsGivenSecret() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", "0123456789abcdef", false));

        assertThat(service.getWebhookSecret(alice, site.id(), webhook.id()).value()).isEqualTo("0123456789abcdef");
        assertThat(webhook.enabled()).isFalse();
    }

    @Test
    void refusesDestinationTheGuardRefusesAndStoresNothing() {
        assertThatThrownBy(() -> service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Internal",
                "https://internal.example/x", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("url"));
        assertThat(repos.webhooks).isEmpty();
    }

    @Test
    void refusesUpdateToRefusedDestinationAndKeepsTheOldUrl() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", null, null));

        assertThatThrownBy(() -> service.updateWebhook(UpdateWebhookCommand.from(alice, site.id(), webhook.id(),
                "Renamed", "https://internal.example/x", null))).isInstanceOf(ValidationException.class);

        Webhook stored = repos.webhooks.get(webhook.id());
        assertThat(stored.url().value()).isEqualTo("https://hooks.example.com/x");
        assertThat(stored.name().value()).isEqualTo("Slack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/x", "javascript:alert(1)", "https://user:pw@example.com/",
            "https:///nohost", "ftp://example.com/"})
    void rejectsInvalidUrlsOnUrl(String url) {
        assertThatThrownBy(() -> CreateWebhookCommand.from(alice, site.id(), "x", url, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("url"));
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        assertThatThrownBy(() -> CreateWebhookCommand.from(alice, site.id(), "", "http://x", "short", null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("name", "url", "secret"));
    }

    @Test
    void disablingByUserRecordsReasonAndEnablingClearsIt() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", null, null));

        Webhook disabled = service.updateWebhook(UpdateWebhookCommand.from(alice, site.id(), webhook.id(), null, null,
                false));
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("disabled by user");

        Webhook enabled = service.updateWebhook(UpdateWebhookCommand.from(alice, site.id(), webhook.id(), null, null,
                true));
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isNull();
        assertThat(repos.webhooks.get(webhook.id())).isEqualTo(enabled);
    }

    @Test
    void rotationKeepsOldSecretSigningFor24Hours() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", "old-secret-0123456789", null));

        Secret rotated = service.rotateWebhookSecret(RotateWebhookSecretCommand.from(alice, site.id(), webhook.id(),
                null));

        Webhook stored = repos.webhooks.get(webhook.id());
        assertThat(stored.secret()).isEqualTo(rotated);
        assertThat(service.getWebhookSecret(alice, site.id(), webhook.id())).isEqualTo(rotated);
        assertThat(stored.signingSecrets(NOW.plus(Duration.ofHours(23))))
                .containsExactly(rotated, new Secret("old-secret-0123456789"));
        assertThat(stored.signingSecrets(NOW.plus(Duration.ofHours(24)))).containsExactly(rotated);
    }

    @Test
    void hidesAnotherAccountsWebhooks() {
        Webhook webhook = service.createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack",
                "https://hooks.example.com/x", null, null));

        assertThatThrownBy(() -> service.getWebhook(bob, site.id(), webhook.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.getWebhookSecret(bob, site.id(), webhook.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.listWebhooks(bob, site.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.deleteWebhook(bob, site.id(), webhook.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.updateWebhook(UpdateWebhookCommand.from(bob, site.id(), webhook.id(), "x",
                null, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.rotateWebhookSecret(RotateWebhookSecretCommand.from(bob, site.id(),
                webhook.id(), null))).isInstanceOf(NotFoundException.class);
        assertThat(repos.webhooks.get(webhook.id())).isEqualTo(webhook);
    }
}
