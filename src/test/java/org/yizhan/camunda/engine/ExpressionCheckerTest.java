package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.camunda.engine.ExpressionChecker.Where.MODEL;
import static org.yizhan.camunda.engine.ExpressionChecker.Where.STORED_QUERY;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a model or a stored filter may write, read without evaluating anything. */
class ExpressionCheckerTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "${orderProgress}", "${stockAvailable == 'YES'}", "${attempt < maxAttempts}", "${not atRisk}",
      "${triage.gridDeadline}", "${confirmedGoodsTotal > frozenGoodsTotal}", "#{execution.processBusinessKey}",
      "${execution.setVariable('levelOutcome', 'TIMED_OUT')}", "${execution.getVariable('orderNo')}",
      "${task.execution.getVariable('orderNo')}", "${task.getExecution().setVariableLocal('x', 1)}",
      "${items[0]}", "${triage['gridDeadline']}", "Order ${orderNo} for ${residentId}", "${empty note ? 'none' : note}",
      "${currentUser()}", "${dateTime().plusDays(7).minusHours(2).toDate()}", "${authenticatedUserId}",
      "plain text, no expression"})
  void modelsMayWriteTheSafeSet(String expression) {
    assertThat(ExpressionChecker.problems(expression, MODEL)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/x')}",
      "${''.class}", "${x.class.forName('java.lang.System')}", "${execution.getProcessEngineServices()}",
      "${execution.processEngineServices.runtimeService}", "${execution.processEngine}",
      "${execution.bpmnModelInstance}", "${task.getExecution().getProcessEngine()}", "${orderNo.toString()}",
      "${orderNo.length()}", "${items['get'](0)}", "${execution[name]}", "${dateTime().toDate().getTime()}",
      "${dateTime().withYear(1)}", "${now().getClass()}", "${fn:exec('x')}", "${S(order).prop('x')}",
      "${execution.setVariable('a', ''.getClass())}", "${(execution).getProcessEngineServices()}",
      "${'a'.concat('b')}", "${registerOrder.execute(execution)}", "Text ${''.getClass()} text"})
  void modelsMayNotCallMethodsOrReachOutsideTheSafeSet(String expression) {
    assertThat(ExpressionChecker.problems(expression, MODEL)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${currentUser()}", "${currentUserGroups()}", "${now()}", "${dateTime().toDate()}",
      "${dateTime().plusWeeks(1).toDate()}", "${ dateTime().minusDays(3).toDate() }"})
  void filtersMayUseTasklistsFunctions(String expression) {
    assertThat(ExpressionChecker.problems(expression, STORED_QUERY)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${orderNo}", "${execution.getVariable('x')}", "${registerOrder}", "${'a'.length()}",
      "${currentUser().getClass()}", "${dateTime().millis}", "${now().time}", "${''.getClass()}", "${1 + x}"})
  void filtersMayNotNameAnythingOrCallOtherMethods(String expression) {
    assertThat(ExpressionChecker.problems(expression, STORED_QUERY)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${unclosed", "${a +}", "${'x'"})
  void unreadableExpressionIsAProblemNotAFailure(String expression) {
    assertThat(ExpressionChecker.problems(expression, MODEL)).singleElement().asString()
        .contains("is not a valid expression");
  }
}
