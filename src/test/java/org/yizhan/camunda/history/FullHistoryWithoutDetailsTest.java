package org.yizhan.camunda.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yizhan.platform.TaskViewVariables;

/** The station's history level, on a bare in-memory engine: FULL less variable details and the task views. */
class FullHistoryWithoutDetailsTest {

  private ProcessEngine engine;

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void fullHistoryKeepsEveryVariablesLastValueButNoDetailsAndNoTaskViews() {
    engine = engineWith(plugin("full"));
    ProcessInstance order = startAndCompleteTask();

    HistoryService history = engine.getHistoryService();
    assertThat(names(history.createHistoricVariableInstanceQuery().processInstanceId(order.getId()).list()))
        .as("process variables and task-local values that are not views are kept")
        .containsExactlyInAnyOrder("residentId", "total", "signature");
    assertThat(history.createHistoricVariableInstanceQuery().variableName("total").singleResult().getValue())
        .isEqualTo(80);
    assertThat(history.createHistoricDetailQuery().processInstanceId(order.getId()).count())
        .as("no row for each value a variable ever had").isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(order.getId()).finished().count())
        .isEqualTo(1);
    assertThat(engine.getManagementService().getHistoryLevel()).as("the database records FULL's id").isEqualTo(3);
  }

  @Test
  void switchedOffOrAnotherConfiguredLevelTheEngineWritesWhatCamundaWrites() {
    engine = engineWith(null);
    ProcessInstance order = startAndCompleteTask();

    HistoryService history = engine.getHistoryService();
    assertThat(names(history.createHistoricVariableInstanceQuery().processInstanceId(order.getId()).list()))
        .contains("orderNo");
    assertThat(history.createHistoricDetailQuery().processInstanceId(order.getId()).count()).isPositive();
  }

  @Test
  void aConfiguredLevelOtherThanFullIsLeftAsConfigured() {
    ProcessEngineConfigurationImpl configuration = configuration(plugin("audit"));
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    engine = configuration.buildProcessEngine();

    assertThat(engine.getManagementService().getHistoryLevel()).isEqualTo(2);
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName())
        .isEqualTo("audit");
  }

  private ProcessInstance startAndCompleteTask() {
    engine.getRepositoryService().createDeployment().addModelInstance("order.bpmn",
        Bpmn.createExecutableProcess("order").startEvent().userTask("accept")
            .camundaTaskListenerExpression("create", "${task.setVariableLocal('orderNo', 'YZ-261130-0001')}")
            .camundaTaskListenerExpression("create", "${task.setVariableLocal('signature', 'wang.fang')}")
            .endEvent().done()).deploy();
    ProcessInstance order = engine.getRuntimeService().startProcessInstanceByKey("order",
        java.util.Map.of("residentId", "R-0001", "total", 65));
    engine.getRuntimeService().setVariable(order.getId(), "total", 80);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(order.getId()).singleResult();
    engine.getTaskService().complete(task.getId());
    return order;
  }

  private static ProcessEnginePlugin plugin(String configuredLevel) {
    CamundaBpmProperties camunda = new CamundaBpmProperties();
    camunda.setHistoryLevel(configuredLevel);
    TaskViewVariables views = () -> Set.of("orderNo");
    return new FullHistoryWithoutDetailsPlugin(camunda, List.of(views));
  }

  private static ProcessEngine engineWith(ProcessEnginePlugin plugin) {
    return configuration(plugin).buildProcessEngine();
  }

  private static ProcessEngineConfigurationImpl configuration(ProcessEnginePlugin plugin) {
    var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:history-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setProcessEngineName("history-" + System.nanoTime());
    if (plugin != null) {
      configuration.setProcessEnginePlugins(new java.util.ArrayList<>(List.of(plugin)));
    }
    return configuration;
  }

  private static List<String> names(List<HistoricVariableInstance> variables) {
    return variables.stream().map(HistoricVariableInstance::getName).toList();
  }
}
