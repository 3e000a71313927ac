package org.yizhan.camunda.feel;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * The station's engine evaluates its decision tables with Camunda's FEEL engine reading plain values only, keeping the
 * expressions it has parsed.
 */
@StationTest
class PlainValuesFeelInEngineTest {

  @Autowired ProcessEngine engine;
  @Autowired DecisionService decisions;

  @Test
  void decisionTablesAreEvaluatedWithThePlainValuesFeelEngineKeepingExpressionsParsedAndGiveTheTablesAnswers() {
    var dmn = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration();
    assertThat(dmn.getFeelEngine()).isInstanceOf(SafeScalaFeelEngine.class).isInstanceOf(ParsedFeelCache.class);

    for (int evaluation = 0; evaluation < 2; evaluation++) {
      assertThat(handOverMode(true, 80)).isEqualTo("DOORSTEP");
      assertThat(handOverMode(true, 79)).isEqualTo("PICKUP");
      assertThat(handOverMode(false, 90)).isEqualTo("PICKUP");
    }
  }

  private String handOverMode(boolean livingAlone, int age) {
    return decisions.evaluateDecisionTableByKey("delivery-mode", Variables.createVariables()
            .putValue("deliveryPreference", "")
            .putValue("mobilityLimited", false)
            .putValue("disabled", false)
            .putValue("livingAlone", livingAlone)
            .putValue("residentAge", age))
        .getSingleResult().getSingleEntry();
  }
}
