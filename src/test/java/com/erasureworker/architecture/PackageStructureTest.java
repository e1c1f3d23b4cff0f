package com.erasureworker.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the main code (docs/code-structure.md): no cycles between feature packages, the leaf
 * packages import no other package of the project, and no main class uses the simulator (which is test equipment in
 * its own source root, src/simulator/java). Reads the compiled main classes only; tests and the simulator are not
 * part of the picture.
 */
class PackageStructureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/com/erasureworker/simulator/"))
            .importPackages("com.erasureworker");

    /** Each package directly under {@code root} is one slice; a cycle between any of them fails. */
    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        packagesAreFreeOfCycles("com.erasureworker").check(MAIN);
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("com.erasureworker.architecture.cycle");
        assertThatThrownBy(() -> packagesAreFreeOfCycles("com.erasureworker.architecture.cycle").check(cyclic)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void privacyIsALeafThatImportsNoOtherPackageOfTheProject() {
        leaf("privacy").check(MAIN);
    }

    @Test
    void theDomainModelImportsNoOtherPackageOfTheProject() {
        leaf("erasure").check(MAIN);
    }

    @Test
    void noMainClassUsesTheSimulator() {
        noClasses().that().resideOutsideOfPackage("com.erasureworker.simulator..")
                .should().dependOnClassesThat().resideInAPackage("com.erasureworker.simulator..")
                .check(MAIN);
    }

    private static ArchRule leaf(String name) {
        String own = "com.erasureworker." + name + "..";
        return noClasses().that().resideInAPackage(own).should().dependOnClassesThat(
                resideInAPackage("com.erasureworker..").and(not(resideInAPackage(own))));
    }
}
