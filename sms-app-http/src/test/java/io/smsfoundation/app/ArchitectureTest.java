package io.smsfoundation.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule ({@code docs/architecture.md}), checked on the compiled classes of every
 * module.
 */
@AnalyzeClasses(
    packages = "io.smsfoundation",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /** Leaves out the modules' test-jars (contract suites), which may use test libraries. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule domain_depends_only_on_the_jdk_and_libphonenumber =
      classes()
          .that()
          .resideInAPackage("io.smsfoundation.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.smsfoundation.domain..",
              "java..",
              // the JDK's own cryptography, for webhook signatures
              "javax.crypto..",
              "com.google.i18n.phonenumbers..");

  @ArchTest
  static final ArchRule ports_depend_only_on_the_domain =
      classes()
          .that()
          .resideInAPackage("io.smsfoundation.ports..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.smsfoundation.ports..", "io.smsfoundation.domain..", "java..");

  @ArchTest
  static final ArchRule postgres_adapter_uses_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage("io.smsfoundation.adapter.postgres..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.smsfoundation.adapter.twilio..",
              "io.smsfoundation.adapter.monitor..",
              "io.smsfoundation.app..");

  @ArchTest
  static final ArchRule twilio_adapter_uses_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage("io.smsfoundation.adapter.twilio..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.smsfoundation.adapter.postgres..",
              "io.smsfoundation.adapter.monitor..",
              "io.smsfoundation.app..");

  @ArchTest
  static final ArchRule monitor_adapter_uses_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage("io.smsfoundation.adapter.monitor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.smsfoundation.adapter.postgres..",
              "io.smsfoundation.adapter.twilio..",
              "io.smsfoundation.app..");

  @ArchTest
  static final ArchRule domain_and_ports_use_no_adapter_or_app =
      noClasses()
          .that()
          .resideInAnyPackage("io.smsfoundation.domain..", "io.smsfoundation.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.smsfoundation.adapter..", "io.smsfoundation.app..");

  @ArchTest
  static final ArchRule javalin_only_in_the_app_server =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.smsfoundation.app.http.HttpServer")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..");

  @ArchTest
  static final ArchRule endpoints_use_use_cases_not_adapters =
      noClasses()
          .that()
          .resideInAPackage("io.smsfoundation.app.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.smsfoundation.adapter..", "io.smsfoundation.ports.out..");

  @ArchTest
  static final ArchRule only_the_twilio_routes_call_the_twilio_webhook_handlers =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.smsfoundation.app.twilio..",
              "io.smsfoundation.adapter.twilio..",
              "io.smsfoundation.app")
          .and()
          .resideInAPackage("io.smsfoundation..")
          .should()
          .dependOnClassesThat()
          .haveNameMatching(
              "io\\.smsfoundation\\.adapter\\.twilio\\.webhook\\."
                  + "(TwilioWebhooks?|WebhookRequest|WebhookResult)(\\$.*)?");

  @ArchTest
  static final ArchRule launcher_depends_only_on_the_jdk =
      classes()
          .that()
          .resideInAPackage("io.smsfoundation.launcher..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.smsfoundation.launcher..", "java..");
}
