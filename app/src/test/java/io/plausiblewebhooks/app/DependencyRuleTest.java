package io.plausiblewebhooks.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rule: everything points inward; the inner rings know no framework. */
class DependencyRuleTest {
    private static final String BASE = "io.plausiblewebhooks";
    /** The JDK: java.* and the JDK's own javax.crypto. */
    private static final String[] JDK = {"java..", "javax.crypto.."};
    private static final String[] ADAPTERS = {"rest", "persistence", "delivery", "metrics"};
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Under `mvn verify` the other modules arrive as jars; their test-jars are not production code.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(BASE);
    }

    @Test
    void domainDependsOnTheJdkAlone() {
        classes().that().resideInAPackage(BASE + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, BASE + ".domain.."))
                .check(classes);
    }

    @Test
    void triggerSpiDependsOnTheJdkAlone() {
        classes().that().resideInAPackage(BASE + ".trigger.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, BASE + ".trigger.spi.."))
                .check(classes);
    }

    @Test
    void builtInTriggerPluginsDependOnTheSpiAlone() {
        classes().that().resideInAPackage(BASE + ".trigger..")
                .and().resideOutsideOfPackage(BASE + ".trigger.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, BASE + ".trigger.."))
                .check(classes);
    }

    @Test
    void applicationDependsOnDomainAndSpiOnly() {
        classes().that().resideInAPackage(BASE + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK,
                        BASE + ".domain..", BASE + ".trigger.spi..", BASE + ".application.."))
                .check(classes);
    }

    @Test
    void portsInAndPortsOutDoNotKnowEachOther() {
        noClasses().that().resideInAPackage(BASE + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.port.out..")
                .check(classes);
        noClasses().that().resideInAPackage(BASE + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.port.in..")
                .check(classes);
    }

    @Test
    void portsDoNotReachIntoServices() {
        noClasses().that().resideInAPackage(BASE + ".application.port..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.service..")
                .check(classes);
    }

    @Test
    void adaptersNeverReachIntoServices() {
        noClasses().that().resideInAPackage(BASE + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.service..")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            noClasses().that().resideInAPackage(BASE + ".adapter." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherAdapters(adapter))
                    .check(classes);
        }
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage(BASE + ".app..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".app..")
                .check(classes);
    }

    private static String[] with(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    private static String[] otherAdapters(String adapter) {
        return java.util.Arrays.stream(ADAPTERS)
                .filter(a -> !a.equals(adapter))
                .map(a -> BASE + ".adapter." + a + "..")
                .toArray(String[]::new);
    }
}
