package io.plausiblewebhooks.app.hardening;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.util.ArrayList;
import java.util.List;

/** The application on the shared test PostgreSQL, as the API tests run it, with optional overrides. */
final class HardeningApp {
    /** The key api-test.yml configures. */
    static final String ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private HardeningApp() {
    }

    static DropwizardAppExtension<AppConfiguration> extension(ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
                ConfigOverride.config("database.user", TestDatabase::user),
                ConfigOverride.config("database.password", TestDatabase::password),
                ConfigOverride.config("logging.level", "INFO")));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(PlausibleWebhooksApplication.class,
                ResourceHelpers.resourceFilePath("api-test.yml"), all.toArray(ConfigOverride[]::new));
    }
}
