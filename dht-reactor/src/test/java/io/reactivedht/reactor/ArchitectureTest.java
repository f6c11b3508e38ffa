package io.reactivedht.reactor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * dht-reactor's share of the one-way dependency rule (docs/DESIGN.md, "Modules and the one-way
 * dependency rule"): no package imports a package that depends on it, and the engine stays
 * independent of Netty (the transport SPI is the only way out).
 */
@AnalyzeClasses(
    packages = "io.reactivedht.reactor",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.reactivedht.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule exportedPackagesStayClearOfTheWiring =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.reactivedht.reactor.config..",
              "io.reactivedht.reactor.event..",
              "io.reactivedht.reactor.lookup..",
              "io.reactivedht.reactor.observe..",
              "io.reactivedht.reactor.provider..",
              "io.reactivedht.reactor.routing..",
              "io.reactivedht.reactor.server..",
              "io.reactivedht.reactor.spi..",
              "io.reactivedht.reactor.value..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.reactivedht.reactor.internal..")
          .because(
              "module-info exports these packages as API; the wiring behind the facade stays"
                  + " internal");

  @ArchTest
  static final ArchRule reactorIsFreeOfNetty =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.netty..", "reactor.netty..")
          .because("Netty belongs to dht-transport, behind the io.reactivedht.reactor.spi port");
}
