package io.plausiblewebhooks.adapter.persistence.testing;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.plausiblewebhooks.adapter.persistence.Databases;
import io.plausiblewebhooks.adapter.persistence.JdbiConfigurer;
import io.plausiblewebhooks.adapter.persistence.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * One embedded PostgreSQL per test JVM, started on first use and migrated once. Tests share it and
 * call {@link #truncateAll()} (e.g. in {@code @BeforeEach}) to start from empty tables.
 *
 * <p>To run the application against it: {@code database.embedded=false},
 * {@code database.url=TestDatabase.jdbcUrl()}, {@code database.user=TestDatabase.user()},
 * {@code database.password=TestDatabase.password()}.
 */
public final class TestDatabase {
    private static final String DATABASE = "postgres";
    private static final AtomicInteger FRESH_COUNTER = new AtomicInteger();

    private static EmbeddedPostgres server;
    private static ManagedDataSource dataSource;
    private static Jdbi jdbi;

    private TestDatabase() {
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + DATABASE;
    }

    public static String user() {
        return "postgres";
    }

    public static String password() {
        return "";
    }

    /** A connection pool set up like the application's (session time zone UTC). */
    public static synchronized DataSource dataSource() {
        server();
        return dataSource;
    }

    /** Configured exactly like the application's ({@link JdbiConfigurer}). */
    public static synchronized Jdbi jdbi() {
        server();
        return jdbi;
    }

    /** Whether a test of this JVM has started the server (asking does not start it). */
    public static synchronized boolean started() {
        return server != null;
    }

    /** Empties every table the migrations created (later changelogs included), keeping the schema. */
    public static void truncateAll() {
        jdbi().useHandle(handle -> {
            List<String> tables = handle.createQuery(
                            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
                                    + " AND tablename NOT IN ('databasechangelog', 'databasechangeloglock')")
                    .mapTo(String.class)
                    .list();
            if (!tables.isEmpty()) {
                handle.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
            }
        });
    }

    /** A new, empty database (not migrated) on the same server; close it to drop it. */
    public static FreshDatabase createFresh() {
        String name = "fresh_" + ProcessHandle.current().pid() + "_" + FRESH_COUNTER.incrementAndGet();
        jdbi().useHandle(handle -> handle.execute("CREATE DATABASE " + name));
        String url = "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
        ManagedDataSource pool = Databases.dataSourceFactory(url, user(), password(), 4)
                .build(new MetricRegistry(), name);
        return new FreshDatabase(name, url, pool);
    }

    /** A database of its own, for tests that need an empty one. */
    public record FreshDatabase(String name, String jdbcUrl, ManagedDataSource dataSource) implements AutoCloseable {
        public Jdbi jdbi() {
            return JdbiConfigurer.configure(Jdbi.create(dataSource));
        }

        @Override
        public void close() throws Exception {
            dataSource.stop();
            TestDatabase.jdbi().useHandle(handle -> handle.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        }
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Throw-away data: durability settings off for speed. Stopped by a JVM shutdown hook.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
            dataSource = Databases.dataSourceFactory(url, user(), password(), 16).build(new MetricRegistry(), "test");
            Migrations.migrate(url, user(), password());
            jdbi = JdbiConfigurer.configure(Jdbi.create(dataSource));
        }
        return server;
    }
}
