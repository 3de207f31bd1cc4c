package io.plausiblewebhooks.application.service.trigger;

import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the trigger plugins: first on the class path (the built-in ones), then in every {@code *.jar}
 * of the plugins directory, in file-name order. Each jar gets its own class loader that sees the JDK
 * and the SPI package and nothing else of the host, so plugins cannot clash with the host's libraries
 * or with each other. A plugin that cannot be used — broken jar, no plugin in it, failing constructor,
 * an SPI version this host does not speak, an invalid or already taken type name — is reported and
 * skipped; it never stops the start.
 */
public final class PluginLoader {
    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final String SPI_PACKAGE = TriggerPlugin.class.getPackageName() + ".";
    /** Stops a service iterator that keeps failing on the same entry. */
    private static final int MAX_PROVIDER_ERRORS = 100;

    /** What loaded, where each type came from, and what was skipped and why. */
    public record Result(List<TriggerPlugin> plugins, Map<String, String> origins, List<String> problems) {
        public Result {
            plugins = List.copyOf(plugins);
            origins = Map.copyOf(origins);
            problems = List.copyOf(problems);
        }
    }

    private final List<TriggerPlugin> plugins = new ArrayList<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginLoader() {
    }

    /**
     * @param classPath the loader whose {@code META-INF/services} entries name the built-in plugins
     * @param pluginsDirectory scanned for jars; a missing directory means no third-party plugins
     */
    public static Result load(ClassLoader classPath, Path pluginsDirectory) {
        PluginLoader loader = new PluginLoader();
        loader.loadFrom(ServiceLoader.load(TriggerPlugin.class, classPath), "class path");
        if (pluginsDirectory != null && Files.isDirectory(pluginsDirectory)) {
            for (Path jar : jarsIn(loader, pluginsDirectory)) {
                loader.loadJar(jar);
            }
        } else {
            LOG.log(Level.INFO, "No plugins directory at {0}; only the built-in trigger types are available",
                    pluginsDirectory == null ? "(none)" : pluginsDirectory.toAbsolutePath());
        }
        LOG.log(Level.INFO, "Trigger types loaded: {0}", loader.origins);
        return new Result(loader.plugins, loader.origins, loader.problems);
    }

    private static List<Path> jarsIn(PluginLoader loader, Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            loader.problem("Cannot list the plugins directory " + directory.toAbsolutePath() + ": " + e.getMessage());
            return List.of();
        }
    }

    private void loadJar(Path jar) {
        String origin = jar.getFileName().toString();
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // Opened only to tell a broken file apart from a jar without plugins.
        } catch (IOException | SecurityException e) {
            problem("Skipped plugin jar " + origin + ": not a readable jar (" + e.getMessage() + ")");
            return;
        }
        PluginClassLoader classLoader;
        try {
            classLoader = new PluginClassLoader(jar.toUri().toURL(), TriggerPlugin.class.getClassLoader());
        } catch (MalformedURLException e) {
            problem("Skipped plugin jar " + origin + ": " + e.getMessage());
            return;
        }
        int before = plugins.size();
        int found = loadFrom(ServiceLoader.load(TriggerPlugin.class, classLoader), origin);
        if (found == 0) {
            problem("Skipped plugin jar " + origin + ": it registers no trigger plugin (no META-INF/services/"
                    + TriggerPlugin.class.getName() + " entry)");
        }
        if (plugins.size() == before) {
            close(classLoader);
        }
    }

    /** @return how many providers the service loader named (usable or not) */
    private int loadFrom(ServiceLoader<TriggerPlugin> serviceLoader, String origin) {
        int found = 0;
        int errors = 0;
        Iterator<TriggerPlugin> iterator = serviceLoader.iterator();
        while (errors < MAX_PROVIDER_ERRORS) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                TriggerPlugin plugin = iterator.next();
                found++;
                accept(plugin, origin);
            } catch (ServiceConfigurationError | LinkageError e) {
                found++;
                errors++;
                problem("Skipped a trigger plugin from " + origin + ": " + describe(e));
            }
        }
        return found;
    }

    private void accept(TriggerPlugin plugin, String origin) {
        String className = plugin.getClass().getName();
        String type;
        int spiVersion;
        try {
            spiVersion = plugin.spiVersion();
            type = plugin.type();
            // Asked once here so that a plugin failing on them fails at load, not at the first request.
            plugin.description();
            plugin.version();
            plugin.params();
        } catch (RuntimeException | LinkageError e) {
            problem("Skipped trigger plugin " + className + " from " + origin + ": it failed to describe itself: " + describe(e));
            return;
        }
        if (!TriggerSpi.isCompatible(spiVersion)) {
            problem("Skipped trigger plugin " + className + " from " + origin + ": it was built for SPI version "
                    + spiVersion + ", this host speaks version " + TriggerSpi.VERSION);
            return;
        }
        if (type == null || !TYPE_NAME.matcher(type).matches()) {
            problem("Skipped trigger plugin " + className + " from " + origin + ": invalid type name '" + type
                    + "' (1–50 lower-case letters, digits or underscores, starting with a letter)");
            return;
        }
        if (origins.containsKey(type)) {
            problem("Skipped trigger plugin " + className + " from " + origin + ": type '" + type
                    + "' is already provided by " + origins.get(type));
            return;
        }
        plugins.add(plugin);
        origins.put(type, origin);
    }

    private void problem(String message) {
        LOG.log(Level.WARNING, message);
        problems.add(message);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static void close(URLClassLoader classLoader) {
        try {
            classLoader.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing a plugin class loader failed", e);
        }
    }

    /** Loads a jar's classes itself; only the JDK and the SPI package come from outside. */
    static final class PluginClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader spiLoader;

        PluginClassLoader(URL jar, ClassLoader spiLoader) {
            super("trigger-plugin:" + jar.getPath(), new URL[] {jar}, ClassLoader.getPlatformClassLoader());
            this.spiLoader = spiLoader;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(SPI_PACKAGE)) {
                return spiLoader.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
