package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * FEEL, the language of the decision tables and of the forms' rules, has two doors to Java in its engine, both shut in
 * the station's: external functions ({@code function(…) external {java: …}}, off as in Camunda's engine), and the
 * methods of any Java object that reaches an expression (feel-scala hands it over as a context whose methods can be
 * called), which {@code PlainValuesOnly} turns into an error value.
 */
@StationTest
class FeelReadsPlainValuesTest {

  private static final String PROBE = "yizhan.feel.probe";

  @Autowired ProcessEngine engine;

  @Test
  void decisionCallingAJavaMethodThroughAnExternalFunctionFailsWithoutRunningIt() {
    String call = "{f: function(k, v) external {java: {class: \"java.lang.System\", "
        + "method signature: \"setProperty(java.lang.String, java.lang.String)\"}}, r: f(\"" + PROBE + "\", \"ran\")}.r";
    deployLiteral("feel-probe", call);

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

  /** A Java object with a public method that leaves a trace when called. */
  public static final class Tripwire {
    static final java.util.concurrent.atomic.AtomicBoolean FIRED = new java.util.concurrent.atomic.AtomicBoolean();

    public String fire() {
      FIRED.set(true);
      return "fired";
    }

    public String getName() {
      FIRED.set(true);
      return "read";
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"a.fire()", "a.name", "a.getClass()",
      "{c: a.getClass(), t: c.forName(\"java.lang.System\")}.t"})
  void javaObjectsReachFeelAsErrorsNotAsObjectsWhoseMethodsCanBeCalled(String expression) {
    deployLiteral("feel-object-probe", expression);
    Tripwire.FIRED.set(false);

    Object result;
    try {
      result = engine.getDecisionService().evaluateDecisionByKey("feel-object-probe")
          .variables(Variables.createVariables().putValue("a", new Tripwire())
              .putValue("when", new org.joda.time.DateTime()))
          .evaluate().getSingleEntry();
    } catch (RuntimeException refused) {
      result = null;
    }

    assertThat(Tripwire.FIRED.get()).as("a method of the Java object ran").isFalse();
    assertThat(result).as("nothing reflective came back").isNull();
  }

  @Test
  void plainValuesStillReadAsBefore() {
    deployLiteral("feel-plain", "name + \" \" + string(age + 1) + \" \" + string(items[2]) + \" \" + string(m.k)");

    Object result = engine.getDecisionService().evaluateDecisionByKey("feel-plain")
        .variables(Variables.createVariables().putValue("name", "Zhang").putValue("age", 86)
            .putValue("items", java.util.List.of("rice", "oil")).putValue("m", java.util.Map.of("k", true)))
        .evaluate().getSingleEntry();

    assertThat(result).isEqualTo("Zhang 87 oil true");
  }

  /** Deploys a decision that is one FEEL literal expression, through the station's model check like any other. */
  private void deployLiteral(String decisionId, String feel) {
    String table = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_%1$s" name="%1$s" namespace="x">
          <decision id="%1$s" name="Probe (探针)">
            <variable id="Variable_Result" name="result" />
            <literalExpression id="LiteralExpression_Result"><text>%2$s</text></literalExpression>
          </decision>
        </definitions>""".formatted(decisionId, feel.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;"))
        .strip();
    engine.getRepositoryService().createDeployment().name(decisionId).addString(decisionId + ".dmn", table).deploy();
  }
}
