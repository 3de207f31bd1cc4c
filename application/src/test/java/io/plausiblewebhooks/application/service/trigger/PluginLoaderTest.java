package io.plausiblewebhooks.application.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.trigger.fixtures.AlphaPlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.BadNamePlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.BetaPlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.ClassPathPlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.ExplodingPlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.FixturePlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.FutureSpiPlugin;
import io.plausiblewebhooks.application.service.trigger.fixtures.SecondAlphaPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path plugins;
    @TempDir
    Path classPathDir;

    @Test
    void loadsTheClassPathPluginsAndThoseOfEveryJar() throws IOException {
        jar("alpha.jar", AlphaPlugin.class);
        jar("beta.jar", BetaPlugin.class);

        PluginLoader.Result result = PluginLoader.load(classPathWith(ClassPathPlugin.class), plugins);

        assertThat(result.plugins()).extracting(TriggerPlugin::type).containsExactly("on_class_path", "alpha", "beta");
        assertThat(result.origins()).containsEntry("alpha", "alpha.jar").containsEntry("on_class_path", "class path");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void eachJarHasItsOwnClassLoaderThatSharesOnlyTheSpi() throws IOException {
        jar("alpha.jar", AlphaPlugin.class);
        jar("beta.jar", BetaPlugin.class);

        List<TriggerPlugin> loaded = PluginLoader.load(getClass().getClassLoader(), plugins).plugins();

        TriggerPlugin alpha = loaded.get(0);
        TriggerPlugin beta = loaded.get(1);
        assertThat(alpha.getClass()).isNotSameAs(AlphaPlugin.class);
        assertThat(alpha.getClass().getClassLoader()).isNotSameAs(beta.getClass().getClassLoader())
                .isNotSameAs(getClass().getClassLoader());
        // The SPI types are the host's own, so the host can call the plugin...
        assertThat(alpha).isInstanceOf(TriggerPlugin.class);
        // ...but nothing else of the host is visible to it.
        assertThat(alpha.description()).isEqualTo("isolated");
    }

    @Test
    void skipsABrokenJarAndLoadsTheRest() throws IOException {
        Files.write(plugins.resolve("broken.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        jar("good.jar", AlphaPlugin.class);

        PluginLoader.Result result = PluginLoader.load(getClass().getClassLoader(), plugins);

        assertThat(result.plugins()).extracting(TriggerPlugin::type).containsExactly("alpha");
        assertThat(result.problems()).singleElement().asString().contains("broken.jar").contains("not a readable jar");
    }

    @Test
    void skipsAJarThatRegistersNoPlugin() throws IOException {
        PluginJars.write(plugins.resolve("empty.jar"), List.of(FixturePlugin.class), List.of());

        PluginLoader.Result result = PluginLoader.load(getClass().getClassLoader(), plugins);

        assertThat(result.plugins()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("empty.jar").contains("registers no trigger plugin");
    }

    @Test
    void skipsASecondPluginOfATypeAlreadyLoaded() throws IOException {
        jar("a-first.jar", AlphaPlugin.class);
        jar("b-second.jar", SecondAlphaPlugin.class);
        jar("c-clash-with-class-path.jar", ClassPathPlugin.class);

        PluginLoader.Result result = PluginLoader.load(classPathWith(ClassPathPlugin.class), plugins);

        assertThat(result.plugins()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("ClassPathPlugin", "AlphaPlugin");
        assertThat(result.origins()).containsEntry("alpha", "a-first.jar").containsEntry("on_class_path", "class path");
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).contains("b-second.jar").contains("type 'alpha' is already provided by a-first.jar");
        assertThat(result.problems().get(1)).contains("c-clash-with-class-path.jar").contains("already provided by class path");
    }

    @Test
    void skipsAPluginBuiltForAnotherSpiVersion() throws IOException {
        jar("future.jar", FutureSpiPlugin.class);

        PluginLoader.Result result = PluginLoader.load(getClass().getClassLoader(), plugins);

        assertThat(result.plugins()).isEmpty();
        assertThat(result.problems()).singleElement().asString()
                .contains("future.jar").contains("SPI version 2").contains("speaks version 1");
    }

    @Test
    void skipsPluginsThatFailToConstructOrHaveAnInvalidTypeOrAMissingClass() throws IOException {
        jar("exploding.jar", ExplodingPlugin.class);
        jar("bad-name.jar", BadNamePlugin.class);
        PluginJars.write(plugins.resolve("missing-class.jar"), List.of(FixturePlugin.class, AlphaPlugin.class),
                List.of("com.example.DoesNotExist", AlphaPlugin.class.getName()));

        PluginLoader.Result result = PluginLoader.load(getClass().getClassLoader(), plugins);

        // The jar with one missing provider still delivers its other one.
        assertThat(result.plugins()).extracting(TriggerPlugin::type).containsExactly("alpha");
        assertThat(result.problems()).hasSize(3);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("bad-name.jar").contains("invalid type name 'Bad-Name'"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("exploding.jar").contains("boom"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("missing-class.jar").contains("com.example.DoesNotExist"));
    }

    @Test
    void aMissingPluginsDirectoryMeansOnlyTheClassPathPlugins() throws IOException {
        PluginLoader.Result result = PluginLoader.load(classPathWith(ClassPathPlugin.class), plugins.resolve("nope"));

        assertThat(result.plugins()).extracting(TriggerPlugin::type).containsExactly("on_class_path");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void theRegistryListsWhatLoadedAndWhatWasSkipped() throws IOException {
        jar("beta.jar", BetaPlugin.class);
        jar("alpha.jar", AlphaPlugin.class);
        jar("future.jar", FutureSpiPlugin.class);

        TriggerTypeRegistry registry = TriggerTypeRegistry.load(getClass().getClassLoader(), plugins);

        assertThat(registry.all()).extracting(TriggerPlugin::type).containsExactly("alpha", "beta");
        assertThat(registry.find("beta")).isPresent();
        assertThat(registry.find("from_the_future")).isEmpty();
        assertThat(registry.loadProblems()).singleElement().asString().contains("future.jar");
    }

    private void jar(String name, Class<? extends FixturePlugin> plugin) {
        PluginJars.write(plugins.resolve(name), List.of(FixturePlugin.class, plugin), List.of(plugin.getName()));
    }

    /** A class loader whose service file names the given plugin, as a built-in plugin's jar would. */
    private ClassLoader classPathWith(Class<? extends TriggerPlugin> plugin) throws IOException {
        Path services = classPathDir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TriggerPlugin.class.getName()), plugin.getName() + "\n");
        return new URLClassLoader(new URL[] {classPathDir.toUri().toURL()}, getClass().getClassLoader());
    }
}
