package io.plausiblewebhooks.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the embedded database's data directory cannot be written at start. The service, run as its
 * own process, prints a clear message naming the directory and exits non-zero instead of hanging.
 * (A plain file where a directory must be created fails for every user, root included, unlike
 * permission bits.)
 */
class StartupFailureTest {
    @TempDir
    Path temp;

    @Test
    void unwritableDataDirectoryStopsTheStartWithAClearMessageAndNonZeroExit() throws Exception {
        Path blocked = Files.writeString(temp.resolve("data"), "not a directory");
        String out = run(config(blocked.resolve("postgres"), "  secretEncryptionKey: " + HardeningApp.ENCRYPTION_KEY));

        assertThat(errorLines(out)).anySatisfy(line -> assertThat(line)
                .contains("could not start the embedded PostgreSQL in " + blocked.resolve("postgres"))
                .contains("Not a directory"));
    }

    /**
     * The log's ERROR lines: the message must stand on a line of its own for the operator, not
     * only inside a stack trace.
     */
    private static List<String> errorLines(String out) {
        return out.lines().filter(line -> line.startsWith("ERROR")).toList();
    }

    @Test
    void fullFilesystemUnderTheDataDirectoryStopsTheStartNamingDirectoryAndCause() throws Exception {
        Path mount = Files.createDirectory(temp.resolve("full"));
        Path data = mount.resolve("postgres");
        String out = runOnOwnFilesystem(mount, "size=1m", true,
                config(data, "  secretEncryptionKey: " + HardeningApp.ENCRYPTION_KEY));
        assertThat(errorLines(out)).anySatisfy(line -> assertThat(line)
                .contains("could not start the embedded PostgreSQL in " + data).contains("No space left on device"));
    }

    @Test
    void readOnlyFilesystemUnderTheDataDirectoryStopsTheStartNamingDirectoryAndCause() throws Exception {
        Path mount = Files.createDirectory(temp.resolve("read-only"));
        Path data = mount.resolve("postgres");
        String out = runOnOwnFilesystem(mount, "ro,size=1m", false,
                config(data, "  secretEncryptionKey: " + HardeningApp.ENCRYPTION_KEY));
        assertThat(errorLines(out)).anySatisfy(line -> assertThat(line)
                .contains("could not start the embedded PostgreSQL in " + data).contains("Read-only file system"));
    }

    @Test
    void unwritableKeyLocationStopsTheStartWithAClearMessageAndNonZeroExit() throws Exception {
        Path blocked = Files.writeString(temp.resolve("data"), "not a directory");
        String out = run(config(blocked.resolve("postgres"), ""));

        assertThat(out).contains("cannot create or read the secret encryption key").contains(blocked.toString());
    }

    @Test
    void productionModeWithoutKeyStopsTheStartWithNonZeroExit() throws Exception {
        String yaml = "server: {applicationConnectors: [{type: http, port: 0}], adminConnectors: [{type: http, port: 0}]}\n"
                + "database: {embedded: false, url: 'jdbc:postgresql://localhost:1/none'}\n";
        String out = run(Files.writeString(temp.resolve("prod.yml"), yaml));

        assertThat(out).contains("auth.secretEncryptionKey is required when database.embedded is false");
    }

    private Path config(Path dataDirectory, String keyLine) throws IOException {
        String yaml = "server: {applicationConnectors: [{type: http, port: 0}], adminConnectors: [{type: http, port: 0}]}\n"
                + "database:\n  embedded: true\n  dataDirectory: " + dataDirectory + "\n"
                + "auth:\n" + (keyLine.isEmpty() ? "  bootstrapApiKey: ''\n" : keyLine + "\n");
        return Files.writeString(temp.resolve("config.yml"), yaml);
    }

    /**
     * Runs the service in a mount namespace of its own where {@code mount} is a tmpfs with the given
     * options (filled up first when {@code fill}): a real full or read-only file system, which stops
     * root as well, and which disappears with the process. Skipped where mounting is not allowed.
     */
    private String runOnOwnFilesystem(Path mount, String options, boolean fill, Path config) throws Exception {
        String script = "mount -t tmpfs -o " + options + " tmpfs \"$0\" || exit 97; "
                + (fill ? "head -c 4m /dev/zero > \"$0/filler\" 2>/dev/null; " : "")
                + "exec \"$@\"";
        Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", script, mount.toString(), "true")
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "needs unshare and mount (root with CAP_SYS_ADMIN): " + new String(probe.getInputStream().readAllBytes()));
        return run(config, "unshare", "-m", "sh", "-c", script, mount.toString());
    }

    /** Runs the service as a process; asserts it exits non-zero within a minute; answers its output. */
    private String run(Path config, String... prefix) throws Exception {
        // To a file, so that a chatty start cannot block on a full pipe.
        Path output = temp.resolve("output-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("exits by itself: %s", out).isTrue();
        assertThat(process.exitValue()).as(out).isNotZero();
        return out;
    }
}
