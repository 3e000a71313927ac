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

/** processes/decisions/welfare-risk.dmn: when a closed door is a safety question. */
class WelfareRiskDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = Files.newInputStream(Path.of("processes/decisions/welfare-risk.dmn"))) {
      decision = dmn.parseDecision("welfare-risk", table);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      living alone,         true,  false, false, false, true
      very old,             false, true,  false, false, true
      disabled,             false, false, true,  false, true
      limited mobility,     false, false, false, true,  true
      none of these,        false, false, false, false, false
      """)
  void closedDoorNeedsAWelfareCheckForResidentsAtRisk(String description, boolean livingAlone, boolean veryOld,
      boolean disabled, boolean mobilityLimited, boolean atRisk) {
    var result = dmn.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("livingAlone", livingAlone).putValue("veryOld", veryOld)
        .putValue("disabled", disabled).putValue("mobilityLimited", mobilityLimited));

    assertThat((Boolean) result.getSingleEntry()).as(description).isEqualTo(atRisk);
  }
}
