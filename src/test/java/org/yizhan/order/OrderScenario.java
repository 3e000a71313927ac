package org.yizhan.order;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Starts orders the way the start form does and works their tasks, so process tests read like the flow. */
class OrderScenario {

  static final String ORDINARY_RESIDENT = "R-0002";
  static final String MOBILITY_LIMITED_RESIDENT_LIVING_ALONE = "R-0001";

  private final RuntimeService runtime;

  OrderScenario(RuntimeService runtime) {
    this.runtime = runtime;
  }

  ProcessInstance place(String residentId, String itemsJson, String preference) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("residentId", residentId);
    variables.put("items", itemsJson);
    variables.put("deliveryPreference", preference);
    return runtime.createProcessInstanceByKey(OrderProcess.KEY).setVariables(variables).execute();
  }

  static void accept(ProcessInstance order) {
    complete(task("Task_AcceptOrder", order), withVariables("acceptDecision", "ACCEPT"));
  }

  static void confirmStock(ProcessInstance order, double goodsTotal) {
    complete(task("Task_ConfirmStock", order), withVariables("stockAvailable", "YES", "confirmedGoodsTotal", goodsTotal));
  }

  static void deliverToStationAndPassCheck(ProcessInstance order) {
    complete(task("Task_DeliverToStation", order), withVariables("deliveredToStation", true));
    complete(task("Task_CheckGoods", order), withVariables("goodsCheck", "PASSED"));
  }

  static void handOver(String taskKey, ProcessInstance order, String satisfaction) {
    complete(task(taskKey, order), withVariables("receivedBy", "Zhang (张)", "satisfaction", satisfaction));
  }
}
