package org.secr4j;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point one way along the data flow ({@code fit} builds a {@code result}, never the reverse). */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.secr4j");
    private static final String[] ORDER = {"detector", "capture", "mask", "model", "design", "likelihood", "result",
        "fit", "derived", "trend", "simulate"};

    @Test
    void packagesDependOnlyOnEarlierStages() {
        for (int i = 0; i < ORDER.length; i++) {
            for (int j = i + 1; j < ORDER.length; j++) {
                noClasses().that().resideInAPackage("org.secr4j." + ORDER[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.secr4j." + ORDER[j] + "..")
                        .check(CLASSES);
            }
        }
    }

    @Test
    void trackCountsAndTrimStandApartFromTheSecrModel() {
        for (String standalone : new String[] {"tracks", "trim"}) {
            for (String secr : ORDER) {
                noClasses().that().resideInAPackage("org.secr4j." + standalone + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.secr4j." + secr + "..")
                        .check(CLASSES);
            }
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.secr4j.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
