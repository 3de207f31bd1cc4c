package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as the application runs it: a persistent data directory, restarts, crashes. */
class EmbeddedDatabaseTest {
    @TempDir
    Path temp;

    // One test for both, because creating a cluster (initdb) costs several seconds.
    @Test
    void keepsItsDataAcrossRestartsIncludingAfterACrashThatLeftAStalePidFile() throws Exception {
        Path data = temp.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0, false)) {
            Migrations.migrate(first.jdbcUrl(), first.user(), first.password());
            execute(first.jdbcUrl(), "INSERT INTO accounts (id, name) VALUES (gen_random_uuid(), 'kept')");
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase second = EmbeddedDatabase.start(data, 0, false)) {
            Migrations.migrate(second.jdbcUrl(), second.user(), second.password());
            assertThat(query(second.jdbcUrl(), "SELECT name FROM accounts")).isEqualTo("kept");
        }

        // As after a crash, with the PID since reused by another process (here: this JVM).
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");
        try (EmbeddedDatabase third = EmbeddedDatabase.start(data, 0, false)) {
            assertThat(query(third.jdbcUrl(), "SELECT name FROM accounts")).isEqualTo("kept");
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void takesOverFromAServerLeftRunningByAKilledProcess() throws Exception {
        Path data = temp.resolve("postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String url = awaitReady(child);
            execute(url, "CREATE TABLE marker (x int); INSERT INTO marker VALUES (42)");
            long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks run
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

            try (EmbeddedDatabase restarted = EmbeddedDatabase.start(data, 0, false)) {
                assertThat(query(restarted.jdbcUrl(), "SELECT x FROM marker")).isEqualTo("42");
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static String awaitReady(Process child) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String line;
        while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("READY ")) {
                // Keep draining the child's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring("READY ".length());
            }
        }
        throw new AssertionError("the child process did not start its database");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
