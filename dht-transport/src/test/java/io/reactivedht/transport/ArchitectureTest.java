package io.reactivedht.transport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * dht-transport's share of the one-way dependency rule (docs/DESIGN.md, "Modules and the one-way
 * dependency rule"): no package imports a package that depends on it.
 */
@AnalyzeClasses(
    packages = "io.reactivedht.transport",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.reactivedht.(**)").should().beFreeOfCycles();
}
