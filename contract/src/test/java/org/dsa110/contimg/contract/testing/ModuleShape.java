package org.dsa110.contimg.contract.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules every module's code keeps, checked by ArchUnit on the module's own classes (its {@code ModuleShapeTest}).
 * Within a module: no cycle between its packages, and no package below the root depending on the root, where the
 * composition lives (the services, the topology, the settings that assemble them): the stages and the kernel they
 * share sit below it. In the two libraries ({@code contract}, {@code pointing}) the root is the other way round: a
 * kernel (the records; the astrometry and the header reader) that the packages below use and that uses none of them. Across modules: the contract depends on no other module; only {@code broker} reaches Kafka's
 * server classes; only the command lines ({@code app}, {@code bench}) use picocli. docs/design.md, "Code shape".
 */
public final class ModuleShape {

    private static final String BASE = "org.dsa110.contimg";
    private static final List<String> MODULES =
            List.of("fixtures", "contract", "pointing", "producer", "processors", "sink", "broker", "app", "bench");
    /** Modules that are libraries rather than services: their root is a kernel, not a composition. */
    private static final Set<String> LIBRARIES = Set.of("contract", "pointing");
    /** Kafka's broker, controller and storage code (the clients' {@code org.apache.kafka.server.*} SPIs are not). */
    private static final String[] KAFKA_SERVER = {
        "kafka..",
        "org.apache.kafka.controller..",
        "org.apache.kafka.metadata..",
        "org.apache.kafka.raft..",
        "org.apache.kafka.image..",
        "org.apache.kafka.storage..",
        "org.apache.kafka.coordinator.."
    };

    private ModuleShape() {}

    /** Checks every rule on {@code module}'s main classes; fails naming each dependency that breaks one. */
    public static void check(String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("not a module: " + module);
        }
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE + "." + module);
        for (ArchRule rule : rules(module)) {
            rule.check(classes);
        }
    }

    static List<ArchRule> rules(String module) {
        String root = BASE + "." + module;
        var rules = new ArrayList<ArchRule>();
        rules.add(slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .because("a module's packages depend on each other one way only"));
        if (LIBRARIES.contains(module)) {
            // A library's root is its kernel (the contract's records, the pointing's astrometry), which every
            // package of it uses and which uses none of them.
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(root)
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(root + ".*..")
                    .because("a library's kernel, at its root, stands alone: the packages below it use it"));
        } else {
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(root + ".*..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(root)
                    .allowEmptyShould(true)
                    .because("the composition is at the module's root, and the parts below it do not reach back up"));
        }
        if (module.equals("contract")) {
            rules.add(noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(MODULES.stream()
                            .filter(m -> !m.equals("contract"))
                            .map(m -> BASE + "." + m + "..")
                            .toArray(String[]::new))
                    .because("the contract is what every other module shares, and depends on none of them"));
        }
        if (!module.equals("broker")) {
            rules.add(noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(KAFKA_SERVER)
                    .because("only the broker module runs Kafka's server code"));
        }
        if (!Set.of("app", "bench").contains(module)) {
            rules.add(noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("picocli..")
                    .because("only the command lines parse arguments"));
        }
        return rules;
    }
}
