package io.plausiblewebhooks.app.trigger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** The event-burst example plugin's jar, as the reactor built it, copied into a fresh plugins directory. */
final class PluginJar {
    private PluginJar() {
    }

    static Path pluginsDirectoryWithEventBurst() {
        try {
            Path target = Path.of(System.getProperty("eventBurstPluginTarget", "../trigger-plugins/event-burst/target"));
            Path directory = Files.createTempDirectory("plugins");
            Path jar = target.resolve("trigger-event-burst.jar");
            if (Files.isRegularFile(jar)) {
                Files.copy(jar, directory.resolve("trigger-event-burst.jar"));
            } else {
                // `mvn test` stops before `package`: pack the module's compiled classes the same way.
                pack(target.resolve("classes"), directory.resolve("trigger-event-burst.jar"));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("build trigger-plugins/event-burst first: " + classes.toAbsolutePath() + " is missing");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
