package io.plausiblewebhooks.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by the service itself, keeping its data in a directory that survives
 * restarts. Only one process may use a data directory at a time (the server takes a file lock in
 * it).
 *
 * <p>After a crash the directory may still hold {@code postmaster.pid}: either stale (its process is
 * gone, or the PID now belongs to something else), or naming a PostgreSQL server that outlived the
 * JVM which started it. Holding the directory's lock proves no live instance of the service owns
 * that server, so it is stopped and the service starts its own.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on the data directory, creating the cluster on first use.
     *
     * @param port 0 picks a free port
     * @param stopAtJvmExit true when no lifecycle will call {@link #close()} (one-off commands)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean stopAtJvmExit) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            // Created here rather than by the library, so that a failure names its cause (read-only file
            // system, a file in the way, no permission) instead of a bare "could not create".
            Files.createDirectories(directory);
            requireFreeSpace(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopAtJvmExit)
                    // Data the service has confirmed must survive a crash; the library's test-oriented
                    // defaults (-F, synchronous_commit=off) would trade that for speed.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectoryCustomizer(EmbeddedDatabase::clearLeftoversOfCrash);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("Embedded PostgreSQL listening on localhost:{} with data in {}", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            String message = "could not start the embedded PostgreSQL in " + directory + ": " + reason(e);
            // One plain line for the operator; the stack trace that follows is for developers.
            LOG.error(message);
            throw new IllegalStateException(message, e);
        }
    }

    /**
     * initdb needs about 40 MB and the server room for its write-ahead log; below this it would fail
     * half-way with "No space left on device" buried in its output.
     */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    private static void requireFreeSpace(Path directory) throws IOException {
        long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable < MIN_FREE_BYTES) {
            throw new IOException("No space left on device: only " + usable / (1024 * 1024) + " MB free on its file"
                    + " system, at least " + MIN_FREE_BYTES / (1024 * 1024) + " MB needed");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        // The library reports a failed initdb/pg_ctl as "Process [...] failed"; their own words are in the log above.
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The server trusts local connections. */
    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }

    /** Runs with the directory lock held, before the server starts. */
    static void clearLeftoversOfCrash(File dataDirectory) {
        Path pidFile = dataDirectory.toPath().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            Optional<ProcessHandle> owner = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(EmbeddedDatabase::isPostgres);
            if (owner.isPresent()) {
                stopOrphan(owner.get());
            }
            if (Files.deleteIfExists(pidFile)) {
                LOG.warn("Removed a stale postmaster.pid from {} (the previous run did not shut down cleanly)", dataDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the stale postmaster.pid in " + dataDirectory, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A reused PID may belong to any process: only a postgres server is ours to stop. */
    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postmaster"))
                .orElse(false);
    }

    private static void stopOrphan(ProcessHandle server) {
        LOG.warn("Stopping PostgreSQL server {} left running on this data directory by a previous run", server.pid());
        server.destroy(); // SIGTERM: the server finishes and writes a clean shutdown checkpoint
        try {
            server.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL server " + server.pid()
                    + " left by a previous run did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the old PostgreSQL server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not wait for the old PostgreSQL server to stop", e);
        }
    }
}
