package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Webhook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSecretsAtRestTest {
    private final Fixtures fx = new Fixtures();
    private final byte[] oldKey = SecretBox.newKey();
    private final byte[] newKey = SecretBox.newKey();
    private Site site;

    @BeforeEach
    void aSite() {
        TestDatabase.truncateAll();
        site = fx.site(fx.account("acme").id(), "example.com");
    }

    @Test
    void tableHoldsOnlySealedSecretsAndTheRepositoryReturnsThemOpen() {
        JdbiWebhookRepository repository = new JdbiWebhookRepository(fx.jdbi, new SecretBox(newKey, List.of()));
        Webhook webhook = Webhook.create(site.id(), new io.plausiblewebhooks.domain.Name("n"),
                new io.plausiblewebhooks.domain.WebhookUrl("https://hooks.example.com/a"),
                new Secret("first-secret-0123456789"), true, Fixtures.T0);
        repository.insert(webhook);
        Webhook rotated = webhook.rotateSecret(new Secret("second-secret-0123456789"), Fixtures.T0);
        repository.update(rotated);

        Map<String, Object> row = storedSecrets(webhook);
        assertThat((String) row.get("secret")).startsWith("enc:v1:" + SecretBox.keyId(newKey))
                .doesNotContain("second-secret");
        assertThat((String) row.get("previous_secret")).startsWith("enc:v1:").doesNotContain("first-secret");
        assertThat(repository.findById(webhook.id())).contains(rotated);
    }

    @Test
    void resealingAfterARotationMovesEverySecretToTheNewKey() {
        Webhook webhook = Webhook.create(site.id(), new io.plausiblewebhooks.domain.Name("n"),
                new io.plausiblewebhooks.domain.WebhookUrl("https://hooks.example.com/a"),
                new Secret("first-secret-0123456789"), true, Fixtures.T0)
                .rotateSecret(new Secret("second-secret-0123456789"), Fixtures.T0);
        new JdbiWebhookRepository(fx.jdbi, new SecretBox(oldKey, List.of())).insert(webhook);
        JdbiWebhookRepository rotated = new JdbiWebhookRepository(fx.jdbi, new SecretBox(newKey, List.of(oldKey)));

        assertThat(rotated.resealAll()).isEqualTo(1);
        assertThat(rotated.resealAll()).as("a second run has nothing to do").isZero();

        assertThat((String) storedSecrets(webhook).get("secret")).startsWith("enc:v1:" + SecretBox.keyId(newKey));
        assertThat((String) storedSecrets(webhook).get("previous_secret")).startsWith("enc:v1:" + SecretBox.keyId(newKey));
        // The old key is no longer needed.
        assertThat(new JdbiWebhookRepository(fx.jdbi, new SecretBox(newKey, List.of())).findById(webhook.id()))
                .contains(webhook);
    }

    @Test
    void plaintextWrittenBeforeEncryptionIsSealedAtTheNextStart() {
        Webhook webhook = fx.webhook(site.id(), "legacy");
        fx.jdbi.useHandle(h -> h.createUpdate("UPDATE webhooks SET secret = :s WHERE id = :id")
                .bind("s", webhook.secret().value()).bind("id", webhook.id().value()).execute());
        JdbiWebhookRepository repository = new JdbiWebhookRepository(fx.jdbi, new SecretBox(newKey, List.of()));

        assertThat(repository.findById(webhook.id())).contains(webhook);
        assertThat(repository.resealAll()).isEqualTo(1);

        assertThat((String) storedSecrets(webhook).get("secret")).startsWith("enc:v1:")
                .doesNotContain(webhook.secret().value());
        assertThat(repository.findById(webhook.id())).contains(webhook);
    }

    @Test
    void theDeliveryQueueSignsWithTheOpenedSecrets() {
        SecretBox box = new SecretBox(newKey, List.of());
        Webhook webhook = Webhook.create(site.id(), new io.plausiblewebhooks.domain.Name("n"),
                new io.plausiblewebhooks.domain.WebhookUrl("https://hooks.example.com/a"),
                new Secret("first-secret-0123456789"), true, Fixtures.T0)
                .rotateSecret(new Secret("second-secret-0123456789"), Fixtures.T0);
        new JdbiWebhookRepository(fx.jdbi, box).insert(webhook);
        var queue = new io.plausiblewebhooks.adapter.persistence.delivery.JdbiMessageQueue(fx.jdbi,
                new com.fasterxml.jackson.databind.ObjectMapper(), box);
        queue.enqueue(new io.plausiblewebhooks.application.port.out.QueuedMessage(
                io.plausiblewebhooks.domain.MessageId.random(), webhook.id(), null, "webhook.test", Map.of("a", 1),
                Fixtures.T0));

        var claimed = queue.claim("test", 10, Fixtures.T0.plusSeconds(1), java.time.Duration.ofMinutes(1), List.of());

        assertThat(claimed).singleElement().satisfies(message -> assertThat(message.secrets())
                .containsExactly(new Secret("second-secret-0123456789"), new Secret("first-secret-0123456789")));
    }

    private Map<String, Object> storedSecrets(Webhook webhook) {
        return fx.jdbi.withHandle(h -> h.createQuery("SELECT secret, previous_secret FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().value()).mapToMap().one());
    }
}
