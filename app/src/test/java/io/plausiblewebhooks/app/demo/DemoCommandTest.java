package io.plausiblewebhooks.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code demo config.yml} in process, as {@code java -jar … demo config.yml} does, on the shipped
 * config.yml with its embedded database (in a fresh data directory), twice: the second run finds the
 * first run's data and must not clash with it.
 */
class DemoCommandTest {
    @TempDir
    Path directory;

    @Test
    void printsAVerifiedVisitorSpikeWebhookOnAFreshAndOnAReusedDatabase() throws Exception {
        Path config = directory.resolve("config.yml");
        Path data = directory.resolve("data").resolve("postgres");
        // The shipped file, with only the data directory moved out of the working copy.
        Files.writeString(config, Files.readString(Path.of("..", "config.yml"))
                .replace("${PW_DB_DATA_DIRECTORY:-./data/postgres}", data.toString()));

        String first = runDemo(config);
        String second = runDemo(config);

        for (String output : new String[] {first, second}) {
            assertThat(output)
                    .contains("Received webhook: POST /webhook")
                    .containsPattern("webhook-id: msg_[0-9a-f]{32}")
                    .containsPattern("webhook-signature: v1,[A-Za-z0-9+/=]{44}")
                    .containsPattern("x-plausible-signature: sha256=[0-9a-f]{64}")
                    .contains("\"type\" : \"visitor_spike\"")
                    .contains("\"current_visitors\" : 5")
                    .contains("Signature verified:")
                    .doesNotContain("NOT verified")
                    .doesNotContain("whsec_" + "\"") // the secret itself is never printed
                    .contains("Done.");
        }
        assertThat(Files.exists(data)).isTrue();
    }

    /** Runs the command; a fatal error fails the test instead of exiting the JVM. */
    private static String runDemo(Path config) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Throwable[] fatal = new Throwable[1];
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            new PlausibleWebhooksApplication() {
                @Override
                protected void onFatalError(Throwable t) {
                    fatal[0] = t == null ? new AssertionError("the demo command failed") : t;
                }
            }.run("demo", config.toString());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.println(output);
        assertThat(fatal[0]).as("the demo failed:\n%s", output).isNull();
        return output;
    }
}
