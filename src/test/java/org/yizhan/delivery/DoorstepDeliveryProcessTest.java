package org.yizhan.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.delivery.DeliveryProcess.EVENT_DELIVERED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_EMERGENCY;
import static org.yizhan.delivery.DeliveryProcess.EVENT_REFUSED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_RETURNED;
import static org.yizhan.delivery.DeliveryProcess.TASK_ARRANGE_HELP;
import static org.yizhan.delivery.DeliveryProcess.TASK_CREDIT_POINTS;
import static org.yizhan.delivery.DeliveryProcess.TASK_DECIDE_POINTS;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DeliveryProcess.TASK_ESCALATE_WELFARE_CHECK;
import static org.yizhan.delivery.DeliveryProcess.TASK_WELFARE_CHECK;
import static org.yizhan.delivery.DeliveryProcess.TIMER_NEXT_ATTEMPT;
import static org.yizhan.delivery.DeliveryProcess.TIMER_WELFARE_CHECK_OVERDUE;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.yizhan.needs.NeedCategory;
import org.yizhan.needs.NeedsRepository;
import org.yizhan.order.DeliveryMode;
import org.yizhan.order.Order;
import org.yizhan.order.OrderRepository;
import org.yizhan.order.OrderRequest;
import org.yizhan.order.OrderService;
import org.yizhan.order.OrderStatus;
import org.yizhan.order.PlacedOrder;
import org.yizhan.volunteers.PointsLedger;

/** Every path of processes/doorstep-delivery.bpmn, with the real delegates, decision tables and tables. */
@StationTest
class DoorstepDeliveryProcessTest {

  /** Lives alone, 87, limited mobility; grid G01 (wang.fang, li.qiang). */
  private static final String AT_RISK = "R-0001";
  /** Ordinary resident, grid G01. */
  private static final String ORDINARY = "R-0002";
  /** Lives alone, grid G02, whose only volunteer is zhao.min. */
  private static final String IN_GRID_TWO = "R-0003";

  @Autowired ProcessEngine engine;
  @Autowired DeliveryService deliveries;
  @Autowired DeliveryRepository records;
  @Autowired NeedsRepository needs;
  @Autowired PointsLedger points;
  @Autowired OrderService orderService;
  @Autowired OrderRepository orderRecords;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void mealDeliveredFirstTimeRecordsTheVisitTheNeedsAndThePoints() {
    int pointsBefore = points.account("wang.fang").balance();
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);

    assertThat(delivery).isWaitingAt(TASK_DELIVER_TO_DOOR);
    assertThat(records.find(delivery.getBusinessKey())).as("the delivery's record under the business key")
        .hasValueSatisfying(record -> assertThat(record.residentId()).isEqualTo(AT_RISK));
    assertThat(task(TASK_DELIVER_TO_DOOR, delivery)).hasCandidateGroup("grid-g01-volunteers");
    assertThat(delivery).variables().containsEntry("attempt", 1).doesNotContainKeys("residentAddress", "residentPhone");
    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "DELIVERED", "receivedBy", "Zhang (张)",
        "satisfaction", "5", "antiFraudTalk", true, "policyPension", true, "policyMedicalInsurance", false,
        "need1Category", "MEDICINE", "need1Details", "Blood pressure pills (降压药)", "need2Category", "REPAIR",
        "need2Details", "Dripping tap"));

    assertThat(delivery).isEnded().hasPassed(TASK_DECIDE_POINTS, TASK_CREDIT_POINTS, EVENT_DELIVERED);
    Delivery done = records.find(deliveryNo(delivery)).orElseThrow();
    assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(done.deliveredBy()).isEqualTo("wang.fang");
    assertThat(done.antiFraudTalk()).isTrue();
    assertThat(done.policiesExplained()).isEqualTo("PENSION");
    assertThat(needs.ofResident(AT_RISK)).filteredOn(need -> deliveryNo(delivery).equals(need.deliveryNo()))
        .extracting(NeedsRepository.Need::category).containsExactlyInAnyOrder(NeedCategory.MEDICINE, NeedCategory.REPAIR);
    assertThat(points.account("wang.fang").balance()).isEqualTo(pointsBefore + 3);
  }

  @Test
  void aVisitAColleagueHoldsIsTheirsUntilHandedOnAndWhoDeliveredIsWhoCompletedIt() {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.MEAL);
    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    var identity = engine.getIdentityService();
    Runnable completeAsLiQiang = () -> {
      identity.setAuthentication("li.qiang", java.util.List.of("station-volunteers", "grid-g01-volunteers"));
      try {
        engine.getTaskService().complete(task(TASK_DELIVER_TO_DOOR, delivery).getId(),
            withVariables("outcome", "DELIVERED", "receivedBy", "Liu (刘)", "satisfaction", "4", "antiFraudTalk", true));
      } finally {
        identity.clearAuthentication();
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(completeAsLiQiang::run)
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("这项任务已由别人认领");

    engine.getTaskService().setAssignee(task(TASK_DELIVER_TO_DOOR, delivery).getId(), "li.qiang");
    completeAsLiQiang.run();

    assertThat(records.find(deliveryNo(delivery)).orElseThrow().deliveredBy()).isEqualTo("li.qiang");
  }

  @Test
  void theResidentsNameIsOnTheDoorstepTaskOnlyWhileSomebodyHoldsIt() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);
    String taskId = task(TASK_DELIVER_TO_DOOR, delivery).getId();
    var tasks = engine.getTaskService();

    assertThat(tasks.getVariables(taskId)).as("offered to the grid's volunteers: no name")
        .doesNotContainKey(DeliveryProcess.RESIDENT_NAME).containsEntry(DeliveryProcess.COLLECT_TEXT, "免费 (free)")
        .doesNotContainKey(DeliveryProcess.GOODS_TEXT);
    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    assertThat(tasks.getVariableLocal(taskId, DeliveryProcess.RESIDENT_NAME)).isEqualTo("张桂英 (Zhang Guiying)");
    tasks.setAssignee(taskId, "li.qiang");
    assertThat(tasks.getVariableLocal(taskId, DeliveryProcess.RESIDENT_NAME)).as("handed on")
        .isEqualTo("张桂英 (Zhang Guiying)");
    tasks.claim(taskId, null);
    assertThat(tasks.getVariables(taskId)).as("given back to the group")
        .doesNotContainKey(DeliveryProcess.RESIDENT_NAME);
    assertThat(engine.getRuntimeService().getVariables(delivery.getId())).as("never kept with the process")
        .doesNotContainKey(DeliveryProcess.RESIDENT_NAME);

    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    engine.getIdentityService().setAuthentication("wang.fang", List.of("station-volunteers", "grid-g01-volunteers"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(taskId,
              Map.of("outcome", "NOBODY_ANSWERED", DeliveryProcess.RESIDENT_NAME, "Somebody else",
                  DeliveryProcess.COLLECT_TEXT, "¥0.00")))
          .as("not a field of the form: no completion writes it").isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(tasks.getVariables(taskId)).containsEntry(DeliveryProcess.RESIDENT_NAME, "张桂英 (Zhang Guiying)")
        .containsEntry(DeliveryProcess.COLLECT_TEXT, "免费 (free)");
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
    assertThat(engine.getRuntimeService().getVariables(delivery.getId())).as("it went with the task")
        .doesNotContainKey(DeliveryProcess.RESIDENT_NAME);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(delivery.getId())
        .variableName(DeliveryProcess.RESIDENT_NAME).count()).as("nor kept in the history").isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(delivery.getId())
        .variableName(DeliveryProcess.COLLECT_TEXT).count()).as("other values are").isOne();
  }

  @Test
  void refusedDeliveryEndsRefusedWithTheNote() {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.VEGETABLES);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "REFUSED", "visitNote", "Does not eat leeks"));

    assertThat(delivery).isEnded().hasPassed(EVENT_REFUSED);
    assertThat(records.find(deliveryNo(delivery)).orElseThrow().closedReason())
        .isEqualTo("居民拒收 (Refused at the door): Does not eat leeks");
  }

  @Test
  void nobodyAnsweringAtAResidentAtRiskBringsAGridWorkerWithinTheHourThenTheNextDaysAttempt() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    assertThat(delivery).isWaitingAt(TASK_WELFARE_CHECK);
    Task check = task(TASK_WELFARE_CHECK, delivery);
    assertThat(check).hasCandidateGroup("grid-workers");
    long dueInMinutes = (check.getDueDate().getTime() - System.currentTimeMillis()) / 60_000;
    assertThat(dueInMinutes).isBetween(55L, 60L);
    complete(check, withVariables("welfareOutcome", "SAFE", "welfareNote", "At her daughter's (在女儿家)"));

    assertThat(delivery).isWaitingAt(TIMER_NEXT_ATTEMPT);
    execute(job(TIMER_NEXT_ATTEMPT, delivery));
    assertThat(delivery).isWaitingAt(TASK_DELIVER_TO_DOOR).variables().containsEntry("attempt", 2)
        .doesNotContainKey("outcome");
  }

  @Test
  void welfareCheckFindingTheResidentNeedsHelpGivesVolunteersAFollowUp() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    complete(task(TASK_WELFARE_CHECK, delivery),
        withVariables("welfareOutcome", "NEEDS_HELP", "welfareNote", "Fell, cannot reach the door (摔倒)"));

    assertThat(delivery).isWaitingAt(TASK_ARRANGE_HELP);
    assertThat(task(TASK_ARRANGE_HELP, delivery)).hasCandidateGroup("station-volunteers");
    complete(task(TASK_ARRANGE_HELP, delivery), withVariables("helpArranged", "Walker lent, daughter called"));
    assertThat(delivery).isWaitingAt(TIMER_NEXT_ATTEMPT);
  }

  @Test
  void emergencyAtTheDoorRecordsWhoWasCalledAndReturnsTheGoods() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "EMERGENCY",
        "calledWho", "AMBULANCE_120", "welfareNote", "Unconscious, ambulance took her"));

    assertThat(delivery).isEnded().hasPassed(EVENT_EMERGENCY);
    Delivery returned = records.find(deliveryNo(delivery)).orElseThrow();
    assertThat(returned.status()).isEqualTo(DeliveryStatus.RETURNED);
    assertThat(returned.closedReason()).contains("AMBULANCE_120", "Unconscious");
  }

  @Test
  void overdueWelfareCheckEscalatesToTheStationManagerUntilItIsDone() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEDICINE);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    execute(job(TIMER_WELFARE_CHECK_OVERDUE, delivery));

    assertThat(delivery).isWaitingAt(TASK_WELFARE_CHECK, TASK_ESCALATE_WELFARE_CHECK);
    assertThat(task(TASK_ESCALATE_WELFARE_CHECK, delivery)).hasCandidateGroup("station-managers");
    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "SAFE", "welfareNote", "Was asleep"));
    assertThat(delivery).isNotWaitingAt(TASK_ESCALATE_WELFARE_CHECK).isWaitingAt(TIMER_NEXT_ATTEMPT);
  }

  @Test
  void nobodyAnsweringThreeTimesSendsTheGoodsBackToTheStation() {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.VEGETABLES);

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(delivery).variables().containsEntry("attempt", attempt);
      complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
      if (attempt < 3) {
        assertThat(delivery).isNotWaitingAt(TASK_WELFARE_CHECK);
        execute(job(TIMER_NEXT_ATTEMPT, delivery));
      }
    }

    assertThat(delivery).isEnded().hasPassed(EVENT_RETURNED).hasNotPassed(TASK_WELFARE_CHECK);
    Delivery returned = records.find(deliveryNo(delivery)).orElseThrow();
    assertThat(returned.status()).isEqualTo(DeliveryStatus.RETURNED);
    assertThat(returned.attempts()).isEqualTo(3);
  }

  @Test
  void deliveryCalledByAnOrderHandsItsResultBackThroughTheCallActivityAndWritesNothingOfTheOrder() {
    PlacedOrder placed = orderService.place(new OrderRequest(ORDINARY, List.of(new OrderRequest.Line("RICE-5KG", 1)),
        DeliveryMode.PICKUP, null), "chen.jing");
    var repository = engine.getRepositoryService();
    String deployment = repository.createDeployment().name("delivery-caller-probe")
        .addModelInstance("delivery-caller-probe.bpmn", Bpmn.createExecutableProcess("delivery-caller-probe")
            .name("Delivery caller probe (送货调用测试)").camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started").name("Started (开始)")
            .callActivity("CallActivity_Delivery").name("Deliver (送货)").calledElement(DeliveryProcess.KEY)
            .camundaInBusinessKey("#{execution.processBusinessKey}").camundaIn("residentId", "residentId")
            .camundaIn("kind", "kind").camundaOut("deliveryResult", "deliveryResult")
            .camundaOut("receivedBy", "receivedBy").camundaOut("satisfaction", "satisfaction")
            .endEvent("Event_Done").name("Done (完成)").done())
        .deploy().getId();
    try {
      ProcessInstance caller = engine.getRuntimeService().startProcessInstanceByKey("delivery-caller-probe",
          placed.orderNo(), Map.of("residentId", ORDINARY, "kind", "GOODS"));
      ProcessInstance delivery = BpmnAwareTests.calledProcessInstance(DeliveryProcess.KEY, caller);
      assertThat(delivery).hasBusinessKey(placed.orderNo());

      complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "DELIVERED", "receivedBy", "Liu (刘)",
          "satisfaction", "4", "antiFraudTalk", true));

      assertThat(caller).isEnded();
      Delivery done = records.findOfOrder(placed.orderNo()).orElseThrow();
      assertThat(done.status()).as("the delivery's own record").isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(done.receivedBy()).isEqualTo("Liu (刘)");
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(caller.getId())
          .variableNameIn("deliveryResult", "receivedBy", "satisfaction").list())
          .as("handed back through the call activity's out-mappings")
          .extracting(variable -> variable.getName() + "=" + variable.getValue())
          .containsExactlyInAnyOrder("deliveryResult=DELIVERED", "receivedBy=Liu (刘)", "satisfaction=4");
      Order order = orderRecords.find(placed.orderNo()).orElseThrow();
      assertThat(order.receivedBy()).as("the order's record is its own process's to write").isNull();
      assertThat(order.satisfaction()).isNull();
      assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
    } finally {
      engine.getRuntimeService().deleteProcessInstance(placed.processInstanceId(), "test");
      repository.deleteDeployment(deployment, true);
    }
  }

  @Test
  void mealRoundStartsOneDeliveryForEveryoneOnTheCanteenList() {
    List<DeliveryService.Started> round = deliveries.startRound(DeliveryKind.MEAL, "Lunch, Monday", "chen.jing");

    assertThat(round).extracting(DeliveryService.Started::residentId).containsExactly("R-0001", "R-0003", "R-0006");
    assertThat(round).allSatisfy(started -> assertThat(records.find(started.deliveryNo()).orElseThrow().kind())
        .isEqualTo(DeliveryKind.MEAL));
    round.forEach(started -> engine.getRuntimeService().deleteProcessInstance(started.processInstanceId(), "test"));
  }

  @Test
  void vegetableRoundGoesToResidentsInDifficulty() {
    List<DeliveryService.Started> round = deliveries.startRound(DeliveryKind.VEGETABLES, null, "chen.jing");

    assertThat(round).extracting(DeliveryService.Started::residentId).containsExactly("R-0004", "R-0006");
    round.forEach(started -> engine.getRuntimeService().deleteProcessInstance(started.processInstanceId(), "test"));
  }

  @Test
  void gridWhoseVolunteersAreAllBusyFallsBackToEveryStationVolunteer() {
    ProcessInstance first = start(IN_GRID_TWO, DeliveryKind.MEAL);
    assertThat(task(TASK_DELIVER_TO_DOOR, first)).hasCandidateGroup("grid-g02-volunteers");
    claim(task(TASK_DELIVER_TO_DOOR, first), "zhao.min");

    ProcessInstance second = start(IN_GRID_TWO, DeliveryKind.VEGETABLES);

    assertThat(task(TASK_DELIVER_TO_DOOR, second)).hasCandidateGroup("station-volunteers");
    engine.getRuntimeService().deleteProcessInstance(first.getId(), "test");
    engine.getRuntimeService().deleteProcessInstance(second.getId(), "test");
  }

  private ProcessInstance start(String residentId, DeliveryKind kind) {
    return engine.getRuntimeService().createProcessInstanceByKey(DeliveryProcess.KEY)
        .setVariables(Map.of(DeliveryProcess.RESIDENT_ID, residentId, DeliveryProcess.KIND, kind.name(),
            DeliveryProcess.REQUESTED_BY, "chen.jing"))
        .execute();
  }

  /** A delivery that is not an order's has its own number as business key, given when it was prepared. */
  private String deliveryNo(ProcessInstance delivery) {
    return delivery.getBusinessKey();
  }
}
