package io.plausiblewebhooks.adapter.persistence;

import io.dropwizard.db.DataSourceFactory;

/** Connection pool settings shared by the application and the tests. */
public final class Databases {
    /**
     * Run once on every new physical connection. The PostgreSQL driver sets the session time zone to
     * the JVM default; UTC keeps {@code now()} and comparisons against {@code timestamp} columns in UTC.
     */
    public static final String SESSION_SETUP = "SET TIME ZONE 'UTC'";

    private Databases() {
    }

    public static DataSourceFactory dataSourceFactory(String url, String user, String password, int maxConnections) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url);
        factory.setUser(user);
        factory.setPassword(password == null ? "" : password);
        factory.setInitializationQuery(SESSION_SETUP);
        // A connection goes back to the pool in a clean state whatever its last user did.
        factory.setAutoCommitByDefault(true);
        factory.setRollbackOnReturn(true);
        factory.setMinSize(Math.min(2, maxConnections));
        factory.setInitialSize(Math.min(2, maxConnections));
        factory.setMaxSize(maxConnections);
        return factory;
    }
}
