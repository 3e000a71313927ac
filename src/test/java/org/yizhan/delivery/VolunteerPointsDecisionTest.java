package org.yizhan.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/decisions/volunteer-points.dmn: one row per delivery kind. */
class VolunteerPointsDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = Files.newInputStream(Path.of("processes/decisions/volunteer-points.dmn"))) {
      decision = dmn.parseDecision("volunteer-points", table);
    }
  }

  @ParameterizedTest(name = "{0} earns {1}")
  @CsvSource({"GOODS, 5", "MEDICINE, 5", "MEAL, 3", "VEGETABLES, 3"})
  void everyDeliveryKindEarnsItsPoints(DeliveryKind kind, int points) {
    var result = dmn.evaluateDecisionTable(decision, Variables.createVariables().putValue("kind", kind.name()));

    assertThat(((Number) result.getSingleEntry()).intValue()).isEqualTo(points);
  }
}
