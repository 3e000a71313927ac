package org.yizhan.order;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.yizhan.catalog.Merchant;

/** Starts orders the way the start form does and works their tasks, so process tests read like the flow. */
class OrderScenario {

  static final String ORDINARY_RESIDENT = "R-0002";
  static final String MOBILITY_LIMITED_RESIDENT_LIVING_ALONE = "R-0001";

  private final RuntimeService runtime;
  private final IdentityService identity;

  private OrderScenario(RuntimeService runtime, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Points camunda-bpm-assert at the app's engine and works orders on it. */
  static OrderScenario on(ProcessEngine engine) {
    BpmnAwareTests.init(engine);
    return new OrderScenario(engine.getRuntimeService(), engine.getIdentityService());
  }

  ProcessInstance place(String residentId, String itemsJson, String preference) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(OrderProcess.RESIDENT_ID, residentId);
    variables.put(OrderProcess.ITEMS, itemsJson);
    variables.put(OrderProcess.DELIVERY_PREFERENCE, preference);
    return runtime.createProcessInstanceByKey(OrderProcess.KEY).setVariables(variables).execute();
  }

  static void accept(ProcessInstance order) {
    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "ACCEPT"));
  }

  static void confirmStock(ProcessInstance order, double goodsTotal) {
    complete(task(TASK_CONFIRM_STOCK, order), withVariables("stockAvailable", "YES", "confirmedGoodsTotal", goodsTotal));
  }

  static void deliverToStationAndPassCheck(ProcessInstance order) {
    complete(task(TASK_DELIVER_TO_STATION, order), withVariables("deliveredToStation", true));
    complete(task(TASK_CHECK_GOODS, order), withVariables("goodsCheck", "PASSED"));
  }

  /** The merchant's open task of the order: offered to the merchant's own group only. */
  static Task merchantTask(String taskKey, ProcessInstance order, String merchantId) {
    return taskQuery().processInstanceId(order.getId()).taskDefinitionKey(taskKey)
        .taskCandidateGroup(Merchant.groupOf(merchantId)).singleResult();
  }

  /** The station's task of one merchant's part (the volunteers' check or price question for its goods). */
  static Task partTask(String taskKey, ProcessInstance order, String merchantId) {
    return taskQuery().processInstanceId(order.getId()).taskDefinitionKey(taskKey).list().stream()
        .filter(task -> merchantId.equals(taskService().getVariable(task.getId(), OrderProcess.MERCHANT_ID)))
        .findFirst().orElse(null);
  }

  /** Works a task as the signed-in user with the user's groups, as Tasklist and /engine-rest do. */
  void as(String userId, Runnable work) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The merchant's user answers for its goods: in stock at the amount, and delivers them to the station. */
  void merchantConfirms(String userId, ProcessInstance order, String merchantId, double amount) {
    as(userId, () -> complete(merchantTask(TASK_CONFIRM_STOCK, order, merchantId),
        withVariables("stockAvailable", "YES", "confirmedGoodsTotal", amount)));
  }

  void merchantDelivers(String userId, ProcessInstance order, String merchantId) {
    as(userId, () -> complete(merchantTask(TASK_DELIVER_TO_STATION, order, merchantId),
        withVariables("deliveredToStation", true)));
  }

  static void handOver(String taskKey, ProcessInstance order, String satisfaction) {
    complete(task(taskKey, order),
        withVariables(OrderProcess.RECEIVED_BY, "Zhang (张)", OrderProcess.SATISFACTION, satisfaction));
  }
}
