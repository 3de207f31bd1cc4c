package io.plausiblewebhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase.FreshDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped config.yml, started for real: the database is migrated before the component is built. */
class DatabaseStartupTest {
    private static final String CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize().toString();

    @TempDir
    Path temp;

    @Test
    void migratesAnEmptyExternalDatabaseAtStartAndReportsItHealthy() throws Exception {
        try (FreshDatabase fresh = TestDatabase.createFresh()) {
            DropwizardTestSupport<AppConfiguration> app = new DropwizardTestSupport<>(PlausibleWebhooksApplication.class,
                    CONFIG, withFreePorts(
                            ConfigOverride.config("database.embedded", "false"),
                            ConfigOverride.config("auth.secretEncryptionKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                            ConfigOverride.config("database.url", fresh.jdbcUrl()),
                            ConfigOverride.config("database.user", TestDatabase.user()),
                            ConfigOverride.config("database.password", TestDatabase.password())));
            app.before();
            try {
                List<String> tables = fresh.jdbi().withHandle(h -> h.createQuery(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").mapTo(String.class).list());
                assertThat(tables).contains("accounts", "sites", "webhooks", "webhook_messages");
                assertThat(healthcheck(app)).contains("\"database\":{\"healthy\":true");
            } finally {
                app.after();
            }
        }
    }

    @Test
    void runsTheEmbeddedDatabaseAndStopsItWithTheServer() throws Exception {
        Path data = temp.resolve("postgres");
        DropwizardTestSupport<AppConfiguration> app = new DropwizardTestSupport<>(PlausibleWebhooksApplication.class,
                CONFIG, withFreePorts(
                        ConfigOverride.config("database.embedded", "true"),
                        ConfigOverride.config("database.dataDirectory", data.toString())));
        app.before();
        try {
            assertThat(healthcheck(app)).contains("\"database\":{\"healthy\":true");
            assertThat(data.resolve("postmaster.pid")).exists();
        } finally {
            app.after();
        }
        // Stopped cleanly (no pid file left), and the data directory stays for the next start.
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(data.resolve("PG_VERSION")).exists();
    }

    private static ConfigOverride[] withFreePorts(ConfigOverride... overrides) {
        ConfigOverride[] all = new ConfigOverride[overrides.length + 2];
        all[0] = ConfigOverride.config("server.applicationConnectors[0].port", "0");
        all[1] = ConfigOverride.config("server.adminConnectors[0].port", "0");
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        return all;
    }

    private static String healthcheck(DropwizardTestSupport<AppConfiguration> app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
