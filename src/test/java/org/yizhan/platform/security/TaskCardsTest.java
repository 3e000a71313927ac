package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DeliveryProcess.TASK_WELFARE_CHECK;
import static org.yizhan.delivery.DeliveryProcess.TIMER_WELFARE_CHECK_OVERDUE;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_ASK_RESIDENT_ABOUT_PRICE;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;
import static org.yizhan.order.OrderProcess.TASK_REMIND_RESIDENT;
import static org.yizhan.order.OrderProcess.TASK_SCHEDULE_SERVICE;
import static org.yizhan.order.OrderProcess.TIMER_ACCEPT_OVERDUE;
import static org.yizhan.order.OrderProcess.TIMER_PICKUP_REMINDER;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.order.OrderProcess;

/**
 * Every task card of every station process shows its number and its area, as Tasklist's filters show them: each
 * process is worked through all its user tasks, and at each one the card is read the way a filter's list reads it
 * ({@code /filter/{id}/list} with the filter's variable names: the task's own variables, then its execution's, then its
 * process instance's), signed in as somebody the task is offered to, with the station's permissions.
 */
@StationTest
class TaskCardsTest {

  private static final List<String> PROCESSES = List.of(OrderProcess.KEY, DeliveryProcess.KEY, MediationProcess.KEY);
  private static final String RICE_AND_HAIRCUT = "[{\"sku\":\"RICE-5KG\",\"quantity\":2},{\"sku\":\"SVC-HAIRCUT\",\"quantity\":1}]";
  private static final String RICE = "[{\"sku\":\"RICE-5KG\",\"quantity\":2}]";

  @Autowired ProcessEngine engine;

  /** The card of each user task, by task id in the model, as first seen. */
  private final Map<String, Map<String, Object>> cards = new TreeMap<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void everyCardOfEveryProcessShowsItsNumberAndItsArea() {
    workAnOrderCollectedAtTheStation();
    workAnOrderCarriedToTheDoorWhereNobodyAnswers();
    workACaseUpToReferral();
    workACaseSettledInTheBuilding();

    assertThat(cards.keySet()).as("every user task of every process was reached").containsAll(userTasks());
    cards.forEach((taskKey, card) -> {
      assertThat(List.of(OrderProcess.ORDER_NO, DeliveryProcess.DELIVERY_NO, MediationProcess.CASE_NO))
          .as(taskKey + " shows a number: " + card)
          .anyMatch(number -> card.get(number) instanceof String text && !text.isBlank());
      assertThat(card.get("residentArea")).as(taskKey + " shows an area: " + card).asString().isNotBlank()
          .doesNotContain("单元", "Unit", "Room", "室");
    });
    for (String orderTask : List.of(TASK_ACCEPT_ORDER, TASK_CONFIRM_STOCK, TASK_CHECK_GOODS, TASK_HAND_OVER_AT_STATION,
        TASK_REMIND_RESIDENT, TASK_DELIVER_TO_STATION)) {
      assertThat(cards.get(orderTask)).as(orderTask)
          .containsEntry(OrderProcess.HAND_OVER_TEXT, "到站自取 (Collected at the station)");
    }
    assertThat(cards.get(TASK_DELIVER_TO_DOOR)).containsKeys(OrderProcess.ORDER_NO, DeliveryProcess.DELIVERY_NO);
    assertThat(cards.get(TASK_CONFIRM_STOCK)).as("the merchant's card: what it supplies")
        .containsEntry(OrderProcess.SUPPLY_TEXT, "大米 5公斤 ×2");
    assertThat(cards.get(TASK_DELIVER_TO_STATION)).containsEntry(OrderProcess.SUPPLY_TEXT, "大米 5公斤 ×2");
    assertThat(cards.get(MediationProcess.TASK_MEDIATE_AT_LEVEL)).as("a case's area: building and grid")
        .containsEntry("residentArea", "暖心里小区1号楼 (Building 1, Nuanxinli Estate) · 网格一 · 火车站西 (Grid 1, Railway Station West)");
    assertThat(cards.values()).as("no card shows a raw value")
        .allSatisfy(card -> assertThat(card.values()).doesNotContain("DOORSTEP", "PICKUP", "NONE"));
  }

  private void workAnOrderCollectedAtTheStation() {
    ProcessInstance order = place("R-0002", RICE_AND_HAIRCUT, "PICKUP");
    look(order);
    execute(job(TIMER_ACCEPT_OVERDUE, order));
    look(order);
    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "ACCEPT"));
    look(order);
    complete(task(TASK_CONFIRM_STOCK, order), withVariables("stockAvailable", "YES", "confirmedGoodsTotal", 70.0));
    look(order);
    complete(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order), withVariables("residentAgreesToPrice", "AGREED"));
    look(order);
    complete(task(TASK_DELIVER_TO_STATION, order), withVariables("deliveredToStation", true));
    look(order);
    complete(task(TASK_CHECK_GOODS, order), withVariables("goodsCheck", "PASSED"));
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));
    look(order);
    execute(job(TIMER_PICKUP_REMINDER, order));
    look(order);
  }

  private void workAnOrderCarriedToTheDoorWhereNobodyAnswers() {
    ProcessInstance order = place("R-0001", RICE, "");
    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "ACCEPT"));
    complete(task(TASK_CONFIRM_STOCK, order), withVariables("stockAvailable", "YES", "confirmedGoodsTotal", 65.0));
    complete(task(TASK_DELIVER_TO_STATION, order), withVariables("deliveredToStation", true));
    complete(task(TASK_CHECK_GOODS, order), withVariables("goodsCheck", "PASSED"));
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);
    look(delivery);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
    look(delivery);
    execute(job(TIMER_WELFARE_CHECK_OVERDUE, delivery));
    look(delivery);
    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "NEEDS_HELP", "welfareNote", "摔倒 (Fell)"));
    look(delivery);
  }

  private void workACaseUpToReferral() {
    ProcessInstance dispute = register();
    look(dispute);
    for (int level = 1; level <= 3; level++) {
      complete(task(MediationProcess.TASK_MEDIATE_AT_LEVEL, dispute),
          withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "No agreement"));
      look(dispute);
    }
    for (String partner : List.of(MediationProcess.TASK_POLICE_STATION_INPUT, MediationProcess.TASK_JUDICIAL_OFFICE_INPUT, MediationProcess.TASK_PEOPLES_COURT_INPUT)) {
      complete(task(partner, dispute), withVariables("partnerInput", "Input from " + partner));
    }
    look(dispute);
    complete(task(MediationProcess.TASK_JOINT_SESSION, dispute), withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "Court"));
    look(dispute);
  }

  private void workACaseSettledInTheBuilding() {
    ProcessInstance dispute = register();
    complete(task(MediationProcess.TASK_MEDIATE_AT_LEVEL, dispute),
        withVariables("levelOutcome", "SETTLED", "agreementText", "No music after 22:00 (22点后不放音乐)"));
    execute(job(MediationProcess.TASK_RECORD_SETTLEMENT, dispute));
    look(dispute);
  }

  private ProcessInstance place(String residentId, String items, String preference) {
    return engine.getRuntimeService().createProcessInstanceByKey(OrderProcess.KEY).setVariables(
        Map.of(OrderProcess.RESIDENT_ID, residentId, OrderProcess.ITEMS, items,
            OrderProcess.DELIVERY_PREFERENCE, preference)).execute();
  }

  private ProcessInstance register() {
    engine.getIdentityService().setAuthentication("liu.yang", List.of("building-heads"));
    try {
      return engine.getRuntimeService().createProcessInstanceByKey(MediationProcess.KEY).setVariables(Map.of(
          "buildingId", "B01", "type", "NOISE", "parties", "Flat 301 and flat 401 (301户与401户)",
          "description", "Loud music after 23:00")).execute();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Reads the card of each open task of the instance not seen yet. */
  private void look(ProcessInstance instance) {
    for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()) {
      if (!cards.containsKey(task.getTaskDefinitionKey())) {
        cards.put(task.getTaskDefinitionKey(), card(task));
      }
    }
  }

  /**
   * What Tasklist shows on the task's card to a person it is offered to (or its assignee): a station filter that lists
   * the task for that person, and its variables looked up as Camunda's filter list does.
   */
  private Map<String, Object> card(Task task) {
    String user = task.getAssignee() != null ? task.getAssignee() : candidateUser(task);
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      Filter filter = engine.getFilterService().createFilterQuery().list().stream()
          .filter(candidate -> candidate.getName().startsWith("本组待办") || candidate.getName().startsWith("我认领的"))
          .filter(candidate -> engine.getFilterService().list(candidate.getId()).stream()
              .anyMatch(listed -> ((Task) listed).getId().equals(task.getId())))
          .findFirst().orElseThrow(() -> new AssertionError(task.getTaskDefinitionKey() + " is in no filter of " + user));
      List<String> names = ((List<?>) filter.getProperties().get("variables")).stream()
          .map(variable -> (String) ((Map<?, ?>) variable).get("name")).toList();
      List<VariableInstance> found = engine.getRuntimeService().createVariableInstanceQuery()
          .variableNameIn(names.toArray(String[]::new))
          .variableScopeIdIn(task.getId(), task.getExecutionId(), task.getProcessInstanceId()).list();
      Map<String, Object> card = new LinkedHashMap<>();
      found.stream().sorted(Comparator.comparingInt(variable -> nearness(variable, task)))
          .forEach(variable -> card.putIfAbsent(variable.getName(), variable.getValue()));
      return card;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static int nearness(VariableInstance variable, Task task) {
    if (task.getId().equals(variable.getTaskId())) {
      return 0;
    }
    return task.getExecutionId().equals(variable.getExecutionId()) ? 1 : 2;
  }

  private String candidateUser(Task task) {
    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (link.getGroupId() != null) {
        List<User> members = engine.getIdentityService().createUserQuery().memberOfGroup(link.getGroupId()).list();
        if (!members.isEmpty()) {
          return members.get(0).getId();
        }
      }
    }
    throw new AssertionError(task.getTaskDefinitionKey() + " is offered to nobody");
  }

  private Set<String> userTasks() {
    Set<String> ids = new TreeSet<>();
    for (String key : PROCESSES) {
      ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(key).latestVersion().singleResult();
      engine.getRepositoryService().getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
          .forEach(userTask -> ids.add(userTask.getId()));
    }
    return ids;
  }
}
