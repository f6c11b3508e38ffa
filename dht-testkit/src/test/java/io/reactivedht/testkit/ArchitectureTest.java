package io.reactivedht.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * dht-testkit's share of the one-way dependency rule (docs/DESIGN.md, "Modules and the one-way
 * dependency rule"): no package imports a package that depends on it, the kit builds on
 * dht-reactor's API only, and only the contract tests need a test library.
 */
@AnalyzeClasses(
    packages = "io.reactivedht.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.reactivedht.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theKitUsesTheExportedApiOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.reactivedht.reactor.internal..")
          .because(
              "dht-testkit is a user of dht-reactor: what it needs, a user's test may need too");

  @ArchTest
  static final ArchRule onlyTheContractTestsNeedATestLibrary =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.reactivedht.testkit.contract..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.junit..", "org.assertj..", "reactor.test..")
          .because(
              "module-info requires them statically: dht-cli and the Spring example run the"
                  + " simulator and TestSwarm without them");

  @ArchTest
  static final ArchRule theKitIsFreeOfNetty =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.netty..", "reactor.netty..")
          .because("the simulated network stands in for dht-transport, not on it");
}
