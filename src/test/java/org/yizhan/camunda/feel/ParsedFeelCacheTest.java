package org.yizhan.camunda.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The caching engine answers exactly as Camunda's own Scala FEEL engine, the first time and every time after. */
class ParsedFeelCacheTest {

  private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
  private final ParsedFeelCache caching = new ParsedFeelCache(List.of());

  @ParameterizedTest(name = "{0} with age {1}")
  @CsvSource(delimiter = '|', textBlock = """
      >= 80                  | 87
      >= 80                  | 64
      [60..79]               | 64
      [60..79]               | 80
      < 60, > 90             | 95
      not([60..79])          | 70
      -                      | 70
      residentAge > minimum  | 70
      residentAge > minimum  | 40
      """)
  void unaryTestsMatchCamundasEngineOnEveryEvaluation(String unaryTests, int age) {
    VariableContext variables = Variables.createVariables().putValue("residentAge", age).putValue("minimum", 60)
        .asVariableContext();

    boolean expected = camunda.evaluateSimpleUnaryTests(unaryTests, "residentAge", variables);

    assertThat(caching.evaluateSimpleUnaryTests(unaryTests, "residentAge", variables)).isEqualTo(expected);
    assertThat(caching.evaluateSimpleUnaryTests(unaryTests, "residentAge", variables)).as("from the cache")
        .isEqualTo(expected);
  }

  @Test
  void stringTestsAndMissingInputsMatchCamundasEngine() {
    VariableContext doorstep = Variables.createVariables().putValue("preference", "DOORSTEP").asVariableContext();
    VariableContext none = Variables.createVariables().putValue("preference", null).asVariableContext();

    for (String tests : List.of("\"DOORSTEP\"", "\"PICKUP\",\"DOORSTEP\"", "not(\"PICKUP\")", "null")) {
      for (VariableContext variables : List.of(doorstep, none)) {
        boolean expected = camunda.evaluateSimpleUnaryTests(tests, "preference", variables);
        assertThat(caching.evaluateSimpleUnaryTests(tests, "preference", variables)).as(tests).isEqualTo(expected);
        assertThat(caching.evaluateSimpleUnaryTests(tests, "preference", variables)).as(tests).isEqualTo(expected);
      }
    }
  }

  @Test
  void expressionsUseTheVariablesOfEachEvaluation() {
    String expression = "if livingAlone and residentAge >= 80 then \"DOORSTEP\" else \"PICKUP\"";

    Object first = caching.evaluateSimpleExpression(expression,
        Variables.createVariables().putValue("livingAlone", true).putValue("residentAge", 87).asVariableContext());
    Object second = caching.evaluateSimpleExpression(expression,
        Variables.createVariables().putValue("livingAlone", false).putValue("residentAge", 87).asVariableContext());

    assertThat(first).isEqualTo("DOORSTEP");
    assertThat(second).isEqualTo("PICKUP");
  }

  @Test
  void expressionsThatDoNotParseFailAsInCamundasEngineEveryTime() {
    VariableContext variables = Variables.createVariables().putValue("x", 1).asVariableContext();
    String broken = ">= = 3";

    Throwable expected = catchThrowable(
        () -> camunda.evaluateSimpleUnaryTests(broken, "x", variables));

    assertThat(expected).isInstanceOf(FeelException.class);
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests(broken, "x", variables))
          .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
    }
  }

  @Test
  void evaluationFailuresAreReportedAsInCamundasEngine() {
    VariableContext variables = Variables.createVariables().asVariableContext();
    String callsUnknownFunction = "no such function(1)";

    Throwable expected = catchThrowable(
        () -> camunda.evaluateSimpleExpression(callsUnknownFunction, variables));

    assertThat(expected).isInstanceOf(FeelException.class);
    assertThatThrownBy(() -> caching.evaluateSimpleExpression(callsUnknownFunction, variables))
        .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
  }

  @ParameterizedTest(name = "feel-parse-cache={0}")
  @ValueSource(booleans = {true, false})
  void theSwitchDecidesWhetherParsedExpressionsAreKeptAndValuesStayPlainEitherWay(boolean parseCache) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    new PlainValuesFeelPlugin(parseCache).preInit(configuration);

    FeelEngine feel = configuration.getDmnEngineConfiguration().getFeelEngineFactory().createInstance();

    assertThat(feel).isInstanceOf(SafeScalaFeelEngine.class);
    assertThat(feel instanceof ParsedFeelCache).isEqualTo(parseCache);
  }
}
