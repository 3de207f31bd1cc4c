package io.plausiblewebhooks.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(out).contains("could not start the embedded PostgreSQL in").contains(blocked.toString());
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

    /** Runs the service as a process; asserts it exits non-zero within a minute; answers its output. */
    private String run(Path config) throws Exception {
        // To a file, so that a chatty start cannot block on a full pipe.
        Path output = temp.resolve("output-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PlausibleWebhooksApplication.class.getName(), "server", config.toString())
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
