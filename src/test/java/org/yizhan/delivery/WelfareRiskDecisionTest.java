package org.yizhan.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yizhan.residents.ResidentTag;

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
        .putValue(ResidentTag.LIVING_ALONE.variable(), livingAlone).putValue(ResidentTag.VERY_OLD.variable(), veryOld)
        .putValue(ResidentTag.DISABLED.variable(), disabled)
        .putValue(ResidentTag.MOBILITY_LIMITED.variable(), mobilityLimited));

    assertThat((Boolean) result.getSingleEntry()).as(description).isEqualTo(atRisk);
  }

  /** One name per fact from the registry to the table: each input reads what "Prepare delivery" sets from a tag. */
  @Test
  void everyInputIsAFlagPrepareDeliverySetsFromTheResidentsTagsUnderTheTagsName() {
    List<String> inputs = Dmn.readModelFromFile(new File("processes/decisions/welfare-risk.dmn"))
        .getModelElementsByType(InputExpression.class).stream()
        .map(expression -> expression.getText().getTextContent().strip()).toList();

    assertThat(inputs).containsExactlyInAnyOrderElementsOf(PrepareDeliveryDelegate.WELFARE_RISK_FLAGS.stream()
        .map(ResidentTag::variable).toList());
    assertThat(ResidentTag.LIVING_ALONE.variable()).isEqualTo("livingAlone");
    assertThat(ResidentTag.MOBILITY_LIMITED.variable()).isEqualTo("mobilityLimited");
  }
}
