package org.yizhan.camunda;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Everything of the station that reaches past Camunda's public API lives in {@code org.yizhan.camunda}, and each of its
 * engine hooks can be switched off (docs/decisions/ has a record for each).
 */
class CamundaSeamTest {

  private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.yizhan");

  /**
   * Camunda's impl packages (engine, DMN, FEEL, webapps, REST) and the Scala and FEEL classes it ships shaded. The one
   * exception is the REST API's HTTP Basic provider, which Camunda's documentation names as the class to configure.
   */
  private static final DescribedPredicate<JavaClass> CAMUNDA_INTERNALS =
      resideInAnyPackage("org.camunda..impl..", "camundajar..", "org.camunda.feel..", "scala..")
          .and(not(type(HttpBasicAuthenticationProvider.class)))
          .as("Camunda internals (impl packages, shaded classes)");

  @Test
  void camundaInternalsAreUsedOnlyInTheSeam() {
    noClasses().that().resideOutsideOfPackage("org.yizhan.camunda..")
        .should().dependOnClassesThat(CAMUNDA_INTERNALS)
        .because("a Camunda upgrade should have one package to look at")
        .check(MAIN_CLASSES);
  }

  @Test
  void everyEngineHookOfTheSeamCanBeSwitchedOff() {
    classes().that().resideInAPackage("org.yizhan.camunda..")
        .and().areAnnotatedWith(Component.class)
        .and().doNotHaveSimpleName("ModelBeans") // a lookup of bean names, no hook
        .and().doNotHaveSimpleName("EngineSafetyPlugin") // switches each of its rules itself
        .should().beAnnotatedWith(ConditionalOnProperty.class)
        .because("each patch must be removable for an upgrade")
        .check(MAIN_CLASSES);
  }
}
