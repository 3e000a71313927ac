package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * Expressions evaluated by the station's engine, in a running execution, whatever put them there: what models use
 * works; anything that would reach outside the safe set is refused, and the probes prove it never ran.
 */
@StationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeExpressionManagerTest {

  private static final String PROBE = "yizhan.expression.probe";

  @Autowired ProcessEngine engine;

  private String executionId;

  @BeforeAll
  void startAnExecution() {
    var model = Bpmn.createExecutableProcess("expression-probe").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started")
        .userTask("Task_Wait").name("等待 (Wait)").camundaCandidateGroups("station-managers")
        .camundaFormRef("expression-probe-task").camundaFormRefBinding("deployment")
        .endEvent("Event_Done").done();
    engine.getRepositoryService().createDeployment().name("expression-probe")
        .addModelInstance("expression-probe.bpmn", model)
        .addString("forms/expression-probe-task.form", "{\"id\": \"expression-probe-task\", \"components\": []}")
        .deploy();
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("expression-probe", "BK-1",
        Variables.createVariables().putValue("orderNo", "YZ-1")
            .putValue("triage", Map.of("gridDeadline", "P2D"))
            .putValue("items", List.of("RICE-5KG", "OIL-5L"))
            .putValue("attempt", 1).putValue("maxAttempts", 3));
    executionId = instance.getId();
  }

  @AfterEach
  void probeNeverRan() {
    assertThat(System.getProperty(PROBE)).as("an expression reached System.setProperty").isNull();
  }

  @Test
  void whatTheModelsWriteStillWorks() {
    assertThat(evaluate("${orderNo}")).isEqualTo("YZ-1");
    assertThat(evaluate("#{execution.processBusinessKey}")).isEqualTo("BK-1");
    assertThat(evaluate("${execution.getProcessBusinessKey()}")).isEqualTo("BK-1");
    assertThat(evaluate("${triage.gridDeadline}")).isEqualTo("P2D");
    assertThat(evaluate("${triage['gridDeadline']}")).isEqualTo("P2D");
    assertThat(evaluate("${items[1]}")).isEqualTo("OIL-5L");
    assertThat(evaluate("${attempt < maxAttempts}")).isEqualTo(true);
    assertThat(evaluate("${not (attempt >= maxAttempts) and orderNo == 'YZ-1'}")).isEqualTo(true);
    assertThat(evaluate("Order ${orderNo}")).isEqualTo("Order YZ-1");
    assertThat(evaluate("${orderProgress}")).isInstanceOf(org.camunda.bpm.engine.delegate.ExecutionListener.class);
    assertThat(evaluate("${registerOrder}")).isInstanceOf(JavaDelegate.class);

    evaluate("${execution.setVariable('levelOutcome', 'TIMED_OUT')}");
    assertThat(engine.getRuntimeService().getVariable(executionId, "levelOutcome")).isEqualTo("TIMED_OUT");
    assertThat(evaluate("${execution.getVariable('levelOutcome')}")).isEqualTo("TIMED_OUT");
  }

  @Test
  void aVariableCannotStandInForAStationStepOfTheSameName() {
    engine.getRuntimeService().setVariable(executionId, "recordSettlement", "not a step");

    assertThat(evaluate("${recordSettlement}")).isInstanceOf(JavaDelegate.class);
  }

  @Test
  void tasklistsFunctionsAndDateArithmeticWork() {
    assertThat(evaluate("${now()}")).isInstanceOf(Date.class);
    assertThat(evaluate("${dateTime().plusDays(7).minusHours(2)}")).isInstanceOf(DateTime.class);
    assertThat(evaluate("${dateTime().plusWeeks(1).toDate()}")).isInstanceOf(Date.class);
    assertThat(evaluate("${currentUserGroups()}")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass().forName('java.lang.System').getMethod('setProperty', ''.getClass(), ''.getClass())"
          + ".invoke(null, 'yizhan.expression.probe', 'ran')}",
      "${orderNo.getClass().forName('java.lang.System').getMethod('setProperty', orderNo.getClass(), orderNo.getClass())"
          + ".invoke(null, 'yizhan.expression.probe', 'ran')}",
      "${''.class}", "${orderNo.class}", "${orderNo.bytes}", "${orderNo.toString()}", "${orderNo.length()}",
      "${execution.getProcessEngineServices()}", "${execution.processEngineServices}", "${execution.processEngine}",
      "${execution.getProcessEngine().getProcessEngineConfiguration()}", "${execution.bpmnModelInstance}",
      "${execution.getVariable('orderNo').getClass()}", "${triage.getClass()}", "${items.get(0)}",
      "${triage.entrySet()}", "${dateTime().toDate().getTime()}", "${dateTime().getChronology()}",
      "${dateTime().plusDays('1; x')}", "${execution.setVariable('x', 1, 'Task_Wait', 4)}"})
  void anythingElseIsRefusedWhenItRuns(String expression) {
    assertThatThrownBy(() -> evaluate(expression))
        .isInstanceOf(ProcessEngineException.class)
        .satisfies(failure -> assertThat(causeChain(failure)).anyMatch(UnsafeExpressionException.class::isInstance));
  }

  @ParameterizedTest
  @ValueSource(strings = {"${dataSource}", "${processEngine}", "${runtimeService}", "${processEngineConfiguration}",
      "${environment}", "${applicationContext}", "${systemProperties}", "${modelBeans}", "${orderRepository}",
      "${jdbcTemplate}"})
  void beansThatAreNotStationStepsAreOutOfReach(String expression) {
    assertThatThrownBy(() -> evaluate(expression)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Cannot resolve identifier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"${S('{}')}", "${JSON('{}')}", "${XML('<a/>')}", "${fn:exec('x')}", "${exec('x')}"})
  void functionsOtherThanTasklistsAreUnknown(String expression) {
    assertThatThrownBy(() -> evaluate(expression)).hasMessageContaining("Could not resolve function");
  }

  private Object evaluate(String expression) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Command<Object> evaluation = context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
      return configuration.getExpressionManager().createExpression(expression).getValue(execution);
    };
    return configuration.getCommandExecutorTxRequired().execute(evaluation);
  }

  private static List<Throwable> causeChain(Throwable failure) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
