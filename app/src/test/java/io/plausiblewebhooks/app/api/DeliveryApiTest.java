package io.plausiblewebhooks.app.api;

import static io.plausiblewebhooks.app.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.delivery.testing.IndependentVerifier;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver.Reply;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The delivery features of the public API against a real local HTTPS receiver: test event, log, redelivery, SSRF. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeliveryApiTest {
    private static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class, ResourceHelpers.resourceFilePath("delivery-e2e.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase::user),
            ConfigOverride.config("database.password", TestDatabase::password),
            ConfigOverride.config("auth.bootstrapApiKey", ApiClient.ADMIN_KEY),
            ConfigOverride.config("delivery.trustedCertificates", () -> TestReceiver.trustedCertificatePem().toString()));

    private static ApiClient api;
    private final TestReceiver receiver = new TestReceiver();

    @BeforeAll
    static void connect() {
        api = new ApiClient(APP);
    }

    @AfterAll
    static void leaveNothingBehind() {
        TestDatabase.truncateAll();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private record Hook(String key, String path, String secret) {
    }

    private Hook webhookAt(String url) {
        String key = api.newAccount();
        String site = api.newSite(key);
        JsonNode created = api.post("/api/v1/sites/" + site + "/webhooks", key, json("name", "receiver", "url", url))
                .expect(201).json();
        return new Hook(key, "/api/v1/sites/" + site + "/webhooks/" + created.get("id").asText(),
                created.get("secret").asText());
    }

    @Test
    void aTestEventIsSentNowSignedAndAnsweredWithTheAttempt() {
        Hook hook = webhookAt(receiver.url("/test"));

        JsonNode attempt = api.post(hook.path() + "/test", hook.key(), "").expect(200).json();

        assertThat(attempt.get("success").asBoolean()).isTrue();
        assertThat(attempt.get("status_code").asInt()).isEqualTo(204);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("message_id").asText()).startsWith("msg_");
        assertThat(attempt.at("/payload/type").asText()).isEqualTo("webhook.test");
        assertThat(attempt.at("/payload/data/webhook/name").asText()).isEqualTo("receiver");
        assertThat(attempt.get("inserted_at").asText()).endsWith("Z");
        TestReceiver.Received request = receiver.received("/test").get(0);
        assertThat(request.header("webhook-id")).isEqualTo(attempt.get("message_id").asText());
        assertThat(IndependentVerifier.verifies(hook.secret(), request)).isTrue();
        assertThat(api.get(hook.path() + "/deliveries/" + attempt.get("id").asText(), hook.key()).expect(200).json()
                .get("message_id").asText()).isEqualTo(attempt.get("message_id").asText());
    }

    @Test
    void aFailedTestEventIsAnsweredWithTheFailedAttempt() {
        receiver.respond(request -> Reply.status(503, "down for maintenance"));
        Hook hook = webhookAt(receiver.url("/down"));

        JsonNode attempt = api.post(hook.path() + "/test", hook.key(), "").expect(200).json();

        assertThat(attempt.get("success").asBoolean()).isFalse();
        assertThat(attempt.get("status_code").asInt()).isEqualTo(503);
        assertThat(attempt.get("response_body").asText()).isEqualTo("down for maintenance");
        assertThat(attempt.get("error_message").asText()).isEqualTo("HTTP 503");
    }

    @Test
    void redeliverySendsTheSameWebhookIdAgain() {
        Hook hook = webhookAt(receiver.url("/again"));
        JsonNode first = api.post(hook.path() + "/test", hook.key(), "").expect(200).json();

        api.post(hook.path() + "/deliveries/" + first.get("id").asText() + "/redeliver", hook.key(), "").expect(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/again").size() == 2);
        List<TestReceiver.Received> requests = receiver.received("/again");
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(IndependentVerifier.verifies(hook.secret(), requests.get(1))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get(hook.path() + "/deliveries", hook.key()).expect(200).json().get("data").size() == 2);
    }

    @Test
    void theLogPagesNewestFirstWithACursorAndFiltersBySuccess() {
        Hook hook = webhookAt(receiver.url("/log"));
        receiver.respond(request -> Reply.status(500));
        for (int i = 0; i < 2; i++) {
            api.post(hook.path() + "/test", hook.key(), "").expect(200);
        }
        receiver.respond(request -> Reply.status(200));
        for (int i = 0; i < 3; i++) {
            api.post(hook.path() + "/test", hook.key(), "").expect(200);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(hook.path() + "/deliveries?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    hook.key()).expect(200).json();
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            page.get("data").forEach(d -> seen.add(d.get("inserted_at").asText() + " " + d.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(api.get(hook.path() + "/deliveries?success=true", hook.key()).expect(200).json().get("data"))
                .hasSize(3).allMatch(d -> d.get("success").asBoolean());
        assertThat(api.get(hook.path() + "/deliveries?success=false", hook.key()).expect(200).json().get("data"))
                .hasSize(2).noneMatch(d -> d.get("success").asBoolean());
        api.get(hook.path() + "/deliveries?success=maybe", hook.key()).invalid("success");
        api.get(hook.path() + "/deliveries?limit=0", hook.key()).invalid("limit");
        api.get(hook.path() + "/deliveries?cursor=bm9wZQ", hook.key()).invalid("cursor");
    }

    @Test
    void anotherAccountSeesNoDeliveries() {
        Hook hook = webhookAt(receiver.url("/mine"));
        JsonNode attempt = api.post(hook.path() + "/test", hook.key(), "").expect(200).json();
        String stranger = api.newAccount();

        api.get(hook.path() + "/deliveries", stranger).problem(404);
        api.get(hook.path() + "/deliveries/" + attempt.get("id").asText(), stranger).problem(404);
        api.post(hook.path() + "/test", stranger, "").problem(404);
        api.post(hook.path() + "/deliveries/" + attempt.get("id").asText() + "/redeliver", stranger, "").problem(404);
        api.get(hook.path() + "/deliveries/not-a-uuid", hook.key()).problem(404);
        assertThat(receiver.received("/mine")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.5.4", "192.168.0.1", "100.64.1.1", "169.254.169.254", "0.0.0.0",
            "192.0.0.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "[::1]", "[::]", "[fc00::1]", "[fe80::1]",
            "[::ffff:10.0.0.1]", "[2002:a9fe:a9fe::]", "[64:ff9b::a00:1]", "167772161", "0xa.1"})
    void aWebhookToANonPublicAddressIsRefusedWith422AndNotStored(String host) {
        String key = api.newAccount();
        String site = api.newSite(key);

        api.post("/api/v1/sites/" + site + "/webhooks", key, json("name", "x", "url", "https://" + host + "/hook"))
                .invalid("url");

        assertThat(api.get("/api/v1/sites/" + site + "/webhooks", key).expect(200).json().get("data")).isEmpty();
    }

    @Test
    void everyRequestOfAManyMessageRunVerifies() {
        Hook hook = webhookAt(receiver.url("/many"));
        for (int i = 0; i < 5; i++) {
            api.post(hook.path() + "/test", hook.key(), "").expect(200);
        }
        Set<String> ids = new HashSet<>();
        receiver.received("/many").forEach(r -> {
            assertThat(IndependentVerifier.verifies(hook.secret(), r)).isTrue();
            ids.add(r.header("webhook-id"));
        });
        assertThat(ids).hasSize(5);
    }
}
