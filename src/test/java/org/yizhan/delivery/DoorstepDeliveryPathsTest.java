package org.yizhan.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.yizhan.delivery.DeliveryProcess.EVENT_DELIVERED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_EMERGENCY;
import static org.yizhan.delivery.DeliveryProcess.EVENT_ESCALATION_DONE;
import static org.yizhan.delivery.DeliveryProcess.EVENT_REFUSED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_RETURNED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_WELFARE_CHECK_DONE;
import static org.yizhan.delivery.DeliveryProcess.GATEWAY_MERGE_WELFARE;
import static org.yizhan.delivery.DeliveryProcess.TASK_ARRANGE_HELP;
import static org.yizhan.delivery.DeliveryProcess.TASK_ASSESS_RISK;
import static org.yizhan.delivery.DeliveryProcess.TASK_CREDIT_POINTS;
import static org.yizhan.delivery.DeliveryProcess.TASK_DECIDE_POINTS;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DeliveryProcess.TASK_ESCALATE_WELFARE_CHECK;
import static org.yizhan.delivery.DeliveryProcess.TASK_WELFARE_CHECK;
import static org.yizhan.delivery.DeliveryProcess.TIMER_NEXT_ATTEMPT;
import static org.yizhan.delivery.DeliveryProcess.TIMER_WELFARE_CHECK_OVERDUE;
import static org.yizhan.delivery.DoorstepDeliveryMocks.AT_RISK;
import static org.yizhan.delivery.DoorstepDeliveryMocks.GRID_VOLUNTEERS;
import static org.yizhan.delivery.DoorstepDeliveryMocks.ORDINARY;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yizhan.support.ProcessTestEngine;

/**
 * Every path of processes/doorstep-delivery.bpmn on an engine of its own with mocked steps: every outgoing flow of
 * every gateway, both timers and every end event, with the real decision tables (welfare-risk.dmn,
 * volunteer-points.dmn). The mocks ({@link DoorstepDeliveryMocks}) set the variables the real steps set for the model
 * and keep no records; what the real steps record is DoorstepDeliveryProcessTest's.
 */
class DoorstepDeliveryPathsTest {

  @RegisterExtension
  static final ProcessTestEngine engine = ProcessTestEngine.deploying("doorstep-delivery.bpmn",
      "decisions/welfare-risk.dmn", "decisions/volunteer-points.dmn");

  private DoorstepDeliveryMocks steps;

  @BeforeEach
  void mockTheSteps() {
    steps = DoorstepDeliveryMocks.on(engine);
  }

  // ---- At the door: Gateway_VisitOutcome

  @Test
  void mealDeliveredAtTheFirstAttemptCreditsThePointsOfTheDecisionTable() throws Exception {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.MEAL);

    assertThat(delivery).isWaitingAt(TASK_DELIVER_TO_DOOR).variables().containsEntry("attempt", 1)
        .as("its own number is its business key, given when it was prepared")
        .containsEntry(DeliveryProcess.DELIVERY_NO, delivery.getBusinessKey());
    assertThat(task(TASK_DELIVER_TO_DOOR, delivery)).hasCandidateGroup(GRID_VOLUNTEERS);
    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    assertThat(engine.calls("showResidentToAssignee")).singleElement()
        .satisfies(call -> assertThat(call.eventName()).isEqualTo("assignment"));
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "DELIVERED", "receivedBy", "Zhang (张)",
        "satisfaction", "5", "antiFraudTalk", true, "need1Category", "MEDICINE", "need1Details", "Pills (降压药)"));

    assertThat(delivery).isEnded().hasPassed(TASK_DECIDE_POINTS, TASK_CREDIT_POINTS, EVENT_DELIVERED)
        .hasNotPassed(TASK_ASSESS_RISK);
    assertThat(engine.calls("prepareDelivery")).singleElement().satisfies(call -> {
      assertThat(call.businessKey()).isNull();
      assertThat(call.variables()).containsEntry(DeliveryProcess.RESIDENT_ID, ORDINARY)
          .containsEntry(DeliveryProcess.KIND, "MEAL").containsEntry(DeliveryProcess.REQUESTED_BY, "chen.jing");
    });
    assertThat(engine.calls("recordDoorstepVisit")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry("outcome", "DELIVERED").containsEntry("receivedBy", "Zhang (张)")
        .containsEntry("need1Category", "MEDICINE"));
    assertThat(engine.calls("creditPoints")).singleElement().satisfies(call -> assertThat(call.variables())
        .as("volunteer-points.dmn: a meal").containsEntry("points", 3).containsEntry("deliveredBy", "wang.fang"));
    assertThat(engine.calls(DeliveryOutcomeProperties.LISTENER)).singleElement()
        .satisfies(call -> assertThat(call.elementId()).isEqualTo(EVENT_DELIVERED));
    assertThat(variables(delivery)).as("the result a calling order's out-mappings take")
        .containsEntry(DeliveryProcess.RESULT, "DELIVERED").doesNotContainKeys("need1Category", "need1Details");
  }

  @Test
  void goodsRefusedAtTheDoorEndRefusedWithTheVolunteersNote() throws Exception {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.VEGETABLES);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "REFUSED", "visitNote", "Does not eat leeks"));

    assertThat(delivery).isEnded().hasPassed(EVENT_REFUSED).hasNotPassed(TASK_DECIDE_POINTS, TASK_ASSESS_RISK);
    verify(steps.creditPoints, never()).execute(any());
    assertThat(variables(delivery)).containsEntry(DeliveryProcess.RESULT, "REFUSED")
        .containsEntry(DeliveryProcess.REASON, "居民拒收 (Refused at the door): Does not eat leeks");
  }

  // ---- Nobody answered: Gateway_AtRisk, Gateway_WelfareOutcome, Timer_WelfareCheckOverdue

  @Test
  void nobodyAnsweringAtAResidentAtRiskBringsAGridWorkerWithinTheHourThenTheNextDaysAttempt() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    assertThat(delivery).hasPassed(TASK_ASSESS_RISK).isWaitingAt(TASK_WELFARE_CHECK).variables()
        .as("welfare-risk.dmn: living alone, very old").containsEntry("atRisk", true);
    assertThat(task(TASK_WELFARE_CHECK, delivery)).hasCandidateGroup("grid-workers")
        .hasDueDate(after(Duration.parse(DoorstepDeliveryMocks.WELFARE_CHECK_WITHIN)));
    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "SAFE",
        "welfareNote", "At her daughter's (在女儿家)"));

    assertThat(delivery).hasPassed(EVENT_WELFARE_CHECK_DONE, GATEWAY_MERGE_WELFARE).isWaitingAt(TIMER_NEXT_ATTEMPT);
    assertThat(job(TIMER_NEXT_ATTEMPT, delivery).getDuedate()).as("retryAfter, set when it was prepared")
        .isEqualTo(after(Duration.ofDays(1)));
    execute(job(TIMER_NEXT_ATTEMPT, delivery));
    assertThat(delivery).isWaitingAt(TASK_DELIVER_TO_DOOR).variables().containsEntry("attempt", 2)
        .doesNotContainKey("outcome");
  }

  @Test
  void welfareCheckFindingTheResidentNeedsHelpGivesTheVolunteersAFollowUpBeforeTheNextAttempt() {
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
  void emergencyAtTheDoorReturnsTheGoodsWithWhoWasCalled() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEDICINE);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "EMERGENCY",
        "calledWho", "AMBULANCE_120", "welfareNote", "Unconscious, ambulance took her"));

    assertThat(delivery).isEnded().hasPassed(EVENT_EMERGENCY).hasNotPassed(TIMER_NEXT_ATTEMPT);
    assertThat(variables(delivery)).containsEntry(DeliveryProcess.RESULT, "RETURNED")
        .containsEntry(DeliveryProcess.REASON,
            "紧急情况 (Emergency at the door): AMBULANCE_120: Unconscious, ambulance took her");
  }

  @Test
  void overdueWelfareCheckEscalatesToTheStationManagersAndTheCheckStillEndsIt() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEDICINE);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
    assertThat(job(TIMER_WELFARE_CHECK_OVERDUE, delivery).getDuedate())
        .isEqualTo(after(Duration.parse(DoorstepDeliveryMocks.WELFARE_CHECK_WITHIN)));

    execute(job(TIMER_WELFARE_CHECK_OVERDUE, delivery));

    assertThat(delivery).isWaitingAt(TASK_WELFARE_CHECK, TASK_ESCALATE_WELFARE_CHECK);
    assertThat(task(TASK_ESCALATE_WELFARE_CHECK, delivery)).hasCandidateGroup("station-managers");
    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "SAFE", "welfareNote", "Was asleep"));
    assertThat(delivery).as("the check's terminate end ends the escalation").isNotWaitingAt(TASK_ESCALATE_WELFARE_CHECK)
        .hasNotPassed(EVENT_ESCALATION_DONE).isWaitingAt(TIMER_NEXT_ATTEMPT);
  }

  @Test
  void escalationTheManagersCloseLeavesTheWelfareCheckOpen() {
    ProcessInstance delivery = start(AT_RISK, DeliveryKind.MEAL);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
    execute(job(TIMER_WELFARE_CHECK_OVERDUE, delivery));

    complete(task(TASK_ESCALATE_WELFARE_CHECK, delivery), withVariables("escalationNote", "Called Wu Lei (已催)"));

    assertThat(delivery).hasPassed(EVENT_ESCALATION_DONE).isWaitingAt(TASK_WELFARE_CHECK);
  }

  // ---- Attempts: Gateway_AttemptsLeft, Timer_NextAttempt

  @Test
  void nobodyAnsweringAnOrdinaryResidentOnEveryAttemptSendsTheGoodsBack() throws Exception {
    ProcessInstance delivery = start(ORDINARY, DeliveryKind.VEGETABLES);

    for (int attempt = 1; attempt <= DoorstepDeliveryMocks.MAX_ATTEMPTS; attempt++) {
      assertThat(delivery).isWaitingAt(TASK_DELIVER_TO_DOOR).variables().containsEntry("attempt", attempt);
      complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));
      if (attempt < DoorstepDeliveryMocks.MAX_ATTEMPTS) {
        assertThat(delivery).as("welfare-risk.dmn: not at risk").isWaitingAt(TIMER_NEXT_ATTEMPT);
        execute(job(TIMER_NEXT_ATTEMPT, delivery));
      }
    }

    assertThat(delivery).isEnded().hasPassed(EVENT_RETURNED).hasNotPassed(TASK_WELFARE_CHECK);
    assertThat(variables(delivery)).containsEntry(DeliveryProcess.RESULT, "RETURNED")
        .containsEntry(DeliveryProcess.REASON,
            "多次无人应答，退回驿站 (Nobody answered on any attempt; the goods are back at the station)");
    verify(steps.deliveryOutcome).notify(any(DelegateExecution.class));
  }

  private static ProcessInstance start(String residentId, DeliveryKind kind) {
    return runtimeService().createProcessInstanceByKey(DeliveryProcess.KEY)
        .setVariables(Map.of(DeliveryProcess.RESIDENT_ID, residentId, DeliveryProcess.KIND, kind.name(),
            DeliveryProcess.REQUESTED_BY, "chen.jing"))
        .execute();
  }

  /** The delivery's own variables, as its history keeps them (also once it ended). */
  private static Map<String, Object> variables(ProcessInstance delivery) {
    Map<String, Object> values = new HashMap<>();
    historyService().createHistoricVariableInstanceQuery().processInstanceId(delivery.getId()).list().stream()
        .filter(variable -> delivery.getId().equals(variable.getActivityInstanceId()))
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }

  private static Date after(Duration duration) {
    return Date.from(ProcessTestEngine.NOW.toInstant().plus(duration));
  }
}
