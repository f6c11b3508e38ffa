package io.reactivedht.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * dht-core's share of the one-way dependency rule (docs/DESIGN.md, "Modules and the one-way
 * dependency rule"): no package imports a package that depends on it, and the core stays pure (no
 * Reactor, no Netty).
 */
@AnalyzeClasses(
    packages = "io.reactivedht.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.reactivedht.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreIsFreeOfReactorAndNetty =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("reactor..", "io.netty..")
          .because("dht-core is pure: Reactor belongs to dht-reactor, Netty to dht-transport");
}
