package io.plausiblewebhooks.adapter.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Brings a database to the current schema with the Liquibase changelog on the class path. */
public final class Migrations {
    /** The master changelog; {@code db migrate} (dropwizard-migrations) reads the same file. */
    public static final String CHANGELOG = "migrations.xml";

    static {
        disableLiquibaseAnalytics();
    }

    private Migrations() {
    }

    /**
     * Liquibase would otherwise try to send usage data at every run, which stalls start-up on a
     * machine without internet access. An explicit setting by the operator wins.
     */
    public static void disableLiquibaseAnalytics() {
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    /**
     * Applies every changeset not applied yet; a no-op on an up-to-date database. Uses a connection
     * of its own, outside any pool, because Liquibase changes its auto-commit and session state.
     */
    public static void migrate(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password == null ? "" : password)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()), database);
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }
}
