package org.yizhan.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * FEEL, the language of the decision tables, has no reflection; its one door to Java, external functions
 * ({@code function(…) external {java: …}}), stays shut in the station's engine (it is off by default in Camunda's
 * FEEL engine, and the parsed-FEEL cache builds its engine the same way).
 */
@StationTest
class FeelExternalFunctionsTest {

  private static final String PROBE = "yizhan.feel.probe";

  @Autowired ProcessEngine engine;

  @Test
  void decisionCallingAJavaMethodThroughAnExternalFunctionFailsWithoutRunningIt() {
    String call = "{f: function(k, v) external {java: {class: \"java.lang.System\", "
        + "method signature: \"setProperty(java.lang.String, java.lang.String)\"}}, r: f(\"" + PROBE + "\", \"ran\")}.r";
    String table = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Probe" name="Probe" namespace="x">
          <decision id="feel-probe" name="Probe (探针)">
            <variable id="Variable_Probe" name="result" />
            <literalExpression id="LiteralExpression_Probe"><text>%s</text></literalExpression>
          </decision>
        </definitions>""".formatted(call.replace("\"", "&quot;")).strip();
    engine.getRepositoryService().createDeployment().name("feel-probe").addString("feel-probe.dmn", table).deploy();

    try {
      engine.getDecisionService().evaluateDecisionByKey("feel-probe").variables(Variables.createVariables()).evaluate();
    } catch (RuntimeException refused) {
      // Camunda's FEEL answers a disabled external function with an evaluation failure; either way, nothing ran.
    }

    assertThat(System.getProperty(PROBE)).isNull();
    assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionByKey("feel-probe").evaluate())
        .satisfies(failure -> assertThat(messages(failure)).containsIgnoringCase("external function"));
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      all.append(cause.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
