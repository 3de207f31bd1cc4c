package io.plausiblewebhooks.app.hardening;

import static io.plausiblewebhooks.app.hardening.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.plausiblewebhooks.adapter.persistence.EmbeddedDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: PostgreSQL stopped for 20 s while the service runs, then started again. Meanwhile every API
 * call answers 503 problem+json (never a stack trace) and health is red; afterwards the service
 * recovers by itself, health turns green, and nothing written before is lost.
 */
class DatabaseOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void servesProblemsWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        Path data = temp.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, true);
        int port = database.port();
        DropwizardTestSupport<AppConfiguration> app = new DropwizardTestSupport<>(PlausibleWebhooksApplication.class,
                ResourceHelpers.resourceFilePath("api-test.yml"),
                ConfigOverride.config("database.url", database.jdbcUrl()),
                ConfigOverride.config("database.user", database.user()),
                ConfigOverride.config("database.password", database.password()));
        app.before();
        try {
            Http api = new Http(app::getLocalPort);
            Http admin = new Http(app::getAdminPort);
            String key = api.newAccount();
            String site = api.newSite(key);
            assertThat(admin.get("/healthcheck", null).status()).isEqualTo(200);

            database.close();
            AtomicInteger refused = new AtomicInteger();
            // Holds for the whole outage: every write and read is a 503 problem with Retry-After.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Http.Answer write = api.post("/api/v1/sites", key, json("domain", "during-outage.example.com"));
                Http.Answer read = api.get("/api/v1/sites/" + site, key);
                boolean problems = write.status() == 503 && read.status() == 503
                        && write.header("Content-Type").startsWith("application/problem+json")
                        && "5".equals(write.header("Retry-After"))
                        && !write.raw().body().contains("Exception") && !write.raw().body().contains("at org.");
                refused.addAndGet(2);
                return problems && admin.get("/healthcheck", null).status() == 500;
            });

            long restarted = System.nanoTime();
            database = EmbeddedDatabase.start(data, port, true);
            AtomicReference<String> created = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Http.Answer write = api.post("/api/v1/sites", key, json("domain", "after-outage.example.com"));
                if (write.status() == 201) {
                    created.set(write.json().get("id").asText());
                }
                return created.get() != null;
            });
            long recoveryMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/healthcheck", null).status() == 200);

            String sites = api.get("/api/v1/sites", key).expect(200).raw().body();
            assertThat(sites).contains(site).contains(created.get()).doesNotContain("during-outage");
            System.out.printf("RELIABILITY database outage: %d s down, %d calls answered 503, recovery %d ms"
                    + " after PostgreSQL was back%n", OUTAGE.toSeconds(), refused.get(), recoveryMillis);
        } finally {
            app.after();
            database.close();
        }
    }
}
