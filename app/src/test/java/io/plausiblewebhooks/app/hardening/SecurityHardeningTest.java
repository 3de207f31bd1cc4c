package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.HOOK_URL;
import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.SecretBox;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import io.plausiblewebhooks.app.SecretKeys;
import io.plausiblewebhooks.app.config.AuthConfig;
import io.plausiblewebhooks.app.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest, keys as hashes, headers, and the refusal to run in production without an encryption key. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityHardeningTest {
    static final DropwizardAppExtension<AppConfiguration> APP = HardeningApp.extension();
    private static Http api;

    @BeforeAll
    static void connect() {
        LogCapture.attach();
        api = new Http(APP::getLocalPort);
    }

    /** Another application started by a test replaces the appenders: attach again. */
    @BeforeEach
    void captureLogs() {
        LogCapture.attach();
    }

    @AfterAll
    static void leaveNothingBehind() {
        LogCapture.assertNoSecretLogged();
        TestDatabase.truncateAll();
    }

    @Test
    void webhookSecretsAreStoredEncryptedAndShownOnlyByTheSecretEndpoint() {
        String key = api.newAccount();
        String site = api.newSite(key);
        String secret = "my-own-receiver-secret-0123456789";
        LogCapture.remember(secret);
        String webhook = api.post("/api/v1/sites/" + site + "/webhooks", key,
                json("name", "r", "url", HOOK_URL, "secret", secret)).expect(201).json().get("id").asText();

        String stored = TestDatabase.jdbi().withHandle(h -> h.createQuery("SELECT secret FROM webhooks WHERE id = :id::uuid")
                .bind("id", webhook).mapTo(String.class).one());
        assertThat(stored).startsWith("enc:v1:" + SecretBox.keyId(java.util.Base64.getDecoder()
                .decode(HardeningApp.ENCRYPTION_KEY)) + ":").doesNotContain(secret);

        String base = "/api/v1/sites/" + site + "/webhooks";
        assertThat(api.get(base, key).expect(200).raw().body()).doesNotContain(secret).doesNotContain("enc:v1");
        assertThat(api.get(base + "/" + webhook, key).expect(200).raw().body()).doesNotContain(secret);
        assertThat(api.get(base + "/" + webhook + "/secret", key).expect(200).json().get("secret").asText())
                .isEqualTo(secret);
    }

    @Test
    void apiKeysAreStoredOnlyAsHashes() {
        String key = api.newAccount();

        List<String> stored = TestDatabase.jdbi().withHandle(h -> h.createQuery(
                "SELECT t::text FROM api_keys t").mapTo(String.class).list());

        assertThat(stored).isNotEmpty().noneMatch(row -> row.contains(key) || row.contains(Http.ADMIN_KEY));
    }

    @Test
    void apiAnswersCarryNosniffAndNoServerVersion() {
        String key = api.newAccount();
        for (Http.Answer answer : List.of(api.get("/api/v1/sites", key), api.get("/api/v1/sites", null),
                api.get("/api/v1/sites/00000000-0000-0000-0000-000000000000", key),
                api.post("/api/v1/sites", key, "{"))) {
            assertThat(answer.header("X-Content-Type-Options")).as("status %s", answer.status()).isEqualTo("nosniff");
            assertThat(answer.header("Server")).as("Server header").satisfiesAnyOf(
                    server -> assertThat(server).isNull(), server -> assertThat(server).doesNotContainPattern("\\d"));
            assertThat(answer.raw().body()).doesNotContain("Jetty").doesNotContain("at io.");
        }
    }

    @Test
    void refusesToStartInProductionModeWithoutAnEncryptionKey() {
        DropwizardTestSupport<AppConfiguration> app = new DropwizardTestSupport<>(PlausibleWebhooksApplication.class,
                ResourceHelpers.resourceFilePath("api-test.yml"),
                ConfigOverride.config("auth.secretEncryptionKey", ""),
                ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
                ConfigOverride.config("database.user", TestDatabase::user),
                ConfigOverride.config("database.password", TestDatabase::password));
        try {
            assertThatThrownBy(app::before).hasStackTraceContaining("auth.secretEncryptionKey is required when"
                    + " database.embedded is false");
        } finally {
            app.after();
        }
    }

    @Test
    void refusesAKeyThatIsNot32BytesNamingTheSetting() {
        AuthConfig auth = new AuthConfig();
        auth.setSecretEncryptionKey("c2hvcnQ=");

        assertThatThrownBy(() -> SecretKeys.box(auth, new DatabaseConfig()))
                .hasMessageContaining("auth.secretEncryptionKey").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void embeddedModeGeneratesItsKeyOnceReadableOnlyByTheOwner(@TempDir Path temp) throws Exception {
        DatabaseConfig database = new DatabaseConfig();
        database.setDataDirectory(temp.resolve("data/postgres").toString());

        SecretBox first = SecretKeys.box(new AuthConfig(), database);
        SecretBox second = SecretKeys.box(new AuthConfig(), database);

        Path keyFile = temp.resolve("data/secret-encryption.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.open(first.seal("some-secret-0123456789", "c"), "c")).isEqualTo("some-secret-0123456789");
        assertThat(Files.exists(temp.resolve("data/postgres"))).as("PostgreSQL's directory stays for initdb").isFalse();
    }

    @Test
    void unwritableKeyLocationGivesAClearError(@TempDir Path temp) throws Exception {
        // A file where the directory should be: fails for every user, root included.
        Path notADirectory = Files.writeString(temp.resolve("data"), "a file");
        DatabaseConfig database = new DatabaseConfig();
        database.setDataDirectory(notADirectory.resolve("postgres").toString());

        assertThatThrownBy(() -> SecretKeys.box(new AuthConfig(), database))
                .hasMessageContaining("cannot create or read the secret encryption key")
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void logsWereCapturedWhileTheseTestsRan() {
        int before = LogCapture.lines();
        org.slf4j.LoggerFactory.getLogger("io.plausiblewebhooks.probe").info("capture probe");
        // The capture itself must work, or "no secret in the logs" would prove nothing.
        assertThat(LogCapture.lines()).isGreaterThan(before);
    }
}
