package io.plausiblewebhooks.app;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.adapter.persistence.Databases;
import io.plausiblewebhooks.adapter.persistence.EmbeddedDatabase;
import io.plausiblewebhooks.app.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is: for {@code embedded: true} the server is started here first (once per
 * process), both for {@code server} and for {@code db ...} commands.
 */
final class DatabaseBootstrap {
    private EmbeddedDatabase embedded;

    /**
     * @param stopAtJvmExit true for one-off commands, which have no lifecycle to stop the embedded
     *     server; the {@code server} command stops it through {@link #embeddedLifecycle()} instead
     */
    synchronized DataSourceFactory dataSourceFactory(DatabaseConfig config, boolean stopAtJvmExit) {
        if (!config.isEmbedded()) {
            return Databases.dataSourceFactory(config.getUrl(), config.getUser(), config.getPassword(),
                    config.getMaxConnections());
        }
        if (embedded == null) {
            embedded = EmbeddedDatabase.start(Path.of(config.getDataDirectory()), config.getPort(), stopAtJvmExit);
        }
        return Databases.dataSourceFactory(embedded.jdbcUrl(), embedded.user(), embedded.password(),
                config.getMaxConnections());
    }

    /** Stops the embedded server, if one was started. */
    synchronized Optional<Managed> embeddedLifecycle() {
        if (embedded == null) {
            return Optional.empty();
        }
        EmbeddedDatabase server = embedded;
        return Optional.of(new Managed() {
            @Override
            public void stop() {
                server.close();
            }
        });
    }

    synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
