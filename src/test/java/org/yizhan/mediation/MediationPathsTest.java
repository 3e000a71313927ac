package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.yizhan.mediation.MediationMocks.B01;
import static org.yizhan.mediation.MediationMocks.B12;
import static org.yizhan.mediation.MediationMocks.FOLLOW_UP_WITHIN;
import static org.yizhan.mediation.MediationMocks.MANAGERS;
import static org.yizhan.mediation.MediationMocks.OWNER;
import static org.yizhan.mediation.MediationProcess.CURRENT_LEVEL;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_CLOSED;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_REFERRED;
import static org.yizhan.mediation.MediationProcess.EVENT_FOLLOW_UP_OVERDUE;
import static org.yizhan.mediation.MediationProcess.EVENT_LEVEL_MEDIATED;
import static org.yizhan.mediation.MediationProcess.EVENT_LEVEL_OPENED;
import static org.yizhan.mediation.MediationProcess.EVENT_SESSION_HELD;
import static org.yizhan.mediation.MediationProcess.GATEWAY_ASK_PARTNERS;
import static org.yizhan.mediation.MediationProcess.GATEWAY_ENTER_LEVEL;
import static org.yizhan.mediation.MediationProcess.GATEWAY_FOLLOW_UP_OUTCOME;
import static org.yizhan.mediation.MediationProcess.GATEWAY_JOINT_SESSION;
import static org.yizhan.mediation.MediationProcess.GATEWAY_LEVEL_ABOVE;
import static org.yizhan.mediation.MediationProcess.GATEWAY_LEVEL_OUTCOME;
import static org.yizhan.mediation.MediationProcess.GATEWAY_PARTNERS_ANSWERED;
import static org.yizhan.mediation.MediationProcess.GATEWAY_URGENT;
import static org.yizhan.mediation.MediationProcess.LEVEL_OUTCOME;
import static org.yizhan.mediation.MediationProcess.SETTLED_AT_LEVEL;
import static org.yizhan.mediation.MediationProcess.SUB_PROCESS_MEDIATION_LEVEL;
import static org.yizhan.mediation.MediationProcess.TASK_CREDIT_SUBSIDY;
import static org.yizhan.mediation.MediationProcess.TASK_DECIDE_SUBSIDY;
import static org.yizhan.mediation.MediationProcess.TASK_FOLLOW_UP_VISIT;
import static org.yizhan.mediation.MediationProcess.TASK_JOINT_SESSION;
import static org.yizhan.mediation.MediationProcess.TASK_JUDICIAL_OFFICE_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_MEDIATE_AT_LEVEL;
import static org.yizhan.mediation.MediationProcess.TASK_NOTIFY_POLICE_STATION;
import static org.yizhan.mediation.MediationProcess.TASK_PEOPLES_COURT_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_PLAN_LEVEL;
import static org.yizhan.mediation.MediationProcess.TASK_POLICE_STATION_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_RECORD_SETTLEMENT;
import static org.yizhan.mediation.MediationProcess.TASK_REFER_CASE;
import static org.yizhan.mediation.MediationProcess.TASK_REGISTER_DISPUTE;
import static org.yizhan.mediation.MediationProcess.TASK_TRIAGE_DISPUTE;
import static org.yizhan.mediation.MediationProcess.TIMER_FOLLOW_UP_DUE;
import static org.yizhan.mediation.MediationProcess.TIMER_LEVEL_DEADLINE;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yizhan.support.ProcessTestEngine;
import org.yizhan.support.ProcessTestEngine.Call;

/**
 * Every path of processes/mediation-escalation.bpmn on an engine of its own with mocked steps, with the real decision
 * tables (dispute-triage.dmn, mediation-level.dmn, mediation-subsidy.dmn): every outgoing flow of every gateway, both
 * timers, every end event, the level sub-process from the building up to the governance centre, the partners' joint
 * session, referral, the follow-up and reopening. The mocks ({@link MediationMocks}) set the variables the real steps
 * set for the model and keep no records; what the real steps record (the case, its history, the subsidy, who may read
 * it), the task cards and the checks of a new dispute are MediationEscalationProcessTest's.
 */
class MediationPathsTest {

  @RegisterExtension
  static final ProcessTestEngine engine = ProcessTestEngine.deploying("mediation-escalation.bpmn",
      "decisions/dispute-triage.dmn", "decisions/mediation-level.dmn", "decisions/mediation-subsidy.dmn");

  private static final int CENTRE = 4;
  private static final List<String> PARTNER_TASKS = List.of(TASK_POLICE_STATION_INPUT, TASK_JUDICIAL_OFFICE_INPUT,
      TASK_PEOPLES_COURT_INPUT);
  private static final Map<String, String> PARTNER_GROUPS = Map.of(TASK_POLICE_STATION_INPUT, "police-station",
      TASK_JUDICIAL_OFFICE_INPUT, "judicial-office", TASK_PEOPLES_COURT_INPUT, "peoples-court");

  private MediationMocks steps;

  @BeforeEach
  void mockTheSteps() {
    steps = MediationMocks.on(engine);
  }

  // ---- Triage: Gateway_Urgent, and where the case starts

  @ParameterizedTest(name = "{0}")
  @EnumSource(DisputeType.class)
  void disputeWithoutRiskStartsAtTheLevelTheTriageTableGivesItsType(DisputeType type) throws Exception {
    ProcessInstance dispute = register(type, B01);

    assertThat(dispute).hasPassed(TASK_REGISTER_DISPUTE, TASK_TRIAGE_DISPUTE, GATEWAY_URGENT, GATEWAY_ENTER_LEVEL,
        TASK_PLAN_LEVEL, EVENT_LEVEL_OPENED, GATEWAY_JOINT_SESSION).hasNotPassed(TASK_NOTIFY_POLICE_STATION);
    assertAtLevel(dispute, startLevel(type), B01, Set.of());
    assertThat(engine.calls("registerDispute")).singleElement().satisfies(call -> {
      assertThat(call.businessKey()).as("the case number is given by registering").isNull();
      assertThat(call.variables()).containsEntry("registeredBy", OWNER).containsEntry("type", type.name());
    });
    assertThat(dispute.getBusinessKey()).startsWith("MD-");
    verify(steps.notifyPoliceStation, never()).execute(any());
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyCombinationOfRisksWithEveryType")
  void disputeWithAnyRiskInformsThePoliceStationAndGoesStraightToTheCentre(DisputeType type, Set<RiskFlag> risks)
      throws Exception {
    ProcessInstance dispute = register(type, B01, risks);

    assertThat(dispute).as("a save point before the police station is informed")
        .isWaitingAt(TASK_NOTIFY_POLICE_STATION).hasNotPassed(GATEWAY_ENTER_LEVEL);
    execute(job(TASK_NOTIFY_POLICE_STATION, dispute));

    verify(steps.notifyPoliceStation).execute(any(DelegateExecution.class));
    assertThat(engine.calls("notifyPoliceStation")).singleElement()
        .satisfies(call -> assertThat(call.variables()).containsEntry(CURRENT_LEVEL, CENTRE));
    assertAtLevel(dispute, CENTRE, B01, risks);
    assertThat(dispute).hasNotPassed(TASK_MEDIATE_AT_LEVEL);
  }

  // ---- Up the levels: Gateway_LevelOutcome (not settled), Gateway_LevelAbove, Timer_LevelDeadline

  @Test
  void caseNoLevelSettlesClimbsFromTheBuildingToTheCentreAndIsReferred() {
    ProcessInstance dispute = register(DisputeType.NOISE, B01);

    for (int level = 1; level < CENTRE; level++) {
      assertAtLevel(dispute, level, B01, Set.of());
      notSettled(dispute, level, "双方不见面 (The parties would not meet)");
      assertThat(lastCall("recordEscalation").variables()).as("level " + level)
          .containsEntry(CURRENT_LEVEL, level).containsEntry(LEVEL_OUTCOME, "NOT_SETTLED")
          .containsEntry("notSettledReason", "双方不见面 (The parties would not meet)");
      assertThat(dispute).variables().as("the level's answers are not the next level's")
          .doesNotContainKeys(LEVEL_OUTCOME, "notSettledReason");
    }
    assertAtLevel(dispute, CENTRE, B01, Set.of());
    notSettled(dispute, CENTRE, "须由法院判定赔偿 (The court must decide the damages)");

    assertThat(dispute).isWaitingAt(TASK_REFER_CASE).hasPassed(EVENT_SESSION_HELD, GATEWAY_LEVEL_ABOVE)
        .variables().as("there is no level above the centre").containsEntry(CURRENT_LEVEL, CENTRE);
    assertThat(task(TASK_REFER_CASE, dispute)).hasCandidateGroup("governance-centre");
    assertThat(jobQuery().processInstanceId(dispute.getId()).count()).as("no level's deadline is left").isZero();
    complete(task(TASK_REFER_CASE, dispute), withVariables("referralChannel", "LITIGATION",
        "referralGuidance", "人民法庭小额诉讼 (Small claims at the people's court)"));

    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_REFERRED)
        .hasNotPassed(TASK_RECORD_SETTLEMENT, TIMER_LEVEL_DEADLINE, EVENT_CASE_CLOSED);
    assertThat(engine.calls("levelStarted")).hasSize(CENTRE);
    assertThat(lastCall("caseEvent")).satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_CASE_REFERRED);
      assertThat(call.variables()).containsEntry("referralChannel", "LITIGATION");
    });
  }

  @Test
  void caseNoLevelSettlesInTimeMovesUpByItselfLevelByLevel() {
    ProcessInstance dispute = register(DisputeType.CLUTTER, B01);

    for (int level = 1; level < CENTRE; level++) {
      assertAtLevel(dispute, level, B01, Set.of());
      execute(job(TIMER_LEVEL_DEADLINE, dispute));
      assertThat(lastCall("recordEscalation").variables()).as("level " + level)
          .containsEntry(CURRENT_LEVEL, level).containsEntry(LEVEL_OUTCOME, "TIMED_OUT");
    }

    assertAtLevel(dispute, CENTRE, B01, Set.of());
    assertThat(taskQuery().processInstanceId(dispute.getId()).taskDefinitionKey(TASK_MEDIATE_AT_LEVEL).count())
        .as("each passed deadline took its level's task away").isZero();
    assertThat(dispute).hasPassed(TIMER_LEVEL_DEADLINE).hasNotPassed(GATEWAY_LEVEL_OUTCOME, EVENT_LEVEL_MEDIATED);
  }

  @Test
  void caseTheCentreDoesNotSettleInTimeIsReferred() {
    ProcessInstance dispute = register(DisputeType.FAMILY, B01, EnumSet.of(RiskFlag.SELF_HARM));
    execute(job(TASK_NOTIFY_POLICE_STATION, dispute));
    complete(task(TASK_POLICE_STATION_INPUT, dispute), withVariables("partnerInput", "已出警 (Officer sent)"));

    execute(job(TIMER_LEVEL_DEADLINE, dispute));

    assertThat(dispute).as("the partners' open questions go with the level").isWaitingAt(TASK_REFER_CASE)
        .isNotWaitingAt(TASK_JUDICIAL_OFFICE_INPUT, TASK_PEOPLES_COURT_INPUT)
        .hasNotPassed(TASK_JOINT_SESSION, GATEWAY_LEVEL_OUTCOME);
    assertThat(lastCall("recordEscalation").variables()).containsEntry(LEVEL_OUTCOME, "TIMED_OUT");
    complete(task(TASK_REFER_CASE, dispute), withVariables("referralChannel", "PETITION",
        "referralGuidance", "街道信访办 (The street's petition office)"));
    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_REFERRED);
  }

  @Test
  void firstTwoLevelsGoToTheHeadsOfTheDisputesBuildingAndTheWorkersOfItsGrid() {
    ProcessInstance dispute = register(DisputeType.NOISE, B12);

    assertAtLevel(dispute, 1, B12, Set.of());
    notSettled(dispute, 1, "不同意 (No agreement)");
    assertAtLevel(dispute, 2, B12, Set.of());
  }

  // ---- The centre's joint session: Gateway_JointSession, Gateway_AskPartners, Gateway_PartnersAnswered

  @Test
  void theCentreHoldsItsJointSessionOnceThePoliceStationTheJudicialOfficeAndTheCourtHaveAllAnswered() {
    ProcessInstance dispute = register(DisputeType.PARKING, B01);
    notSettled(dispute, 3, "需要街道 (Needs the street)");
    assertThat(dispute).hasPassed(GATEWAY_ASK_PARTNERS).variables().containsEntry("partnerInputs", "");

    List<String> answering = new ArrayList<>(PARTNER_TASKS);
    Collections.reverse(answering);
    for (String partner : answering) {
      assertThat(dispute).isNotWaitingAt(TASK_JOINT_SESSION);
      complete(task(partner, dispute), withVariables("partnerInput", "意见 (Input) " + PARTNER_GROUPS.get(partner)));
    }

    assertThat(dispute).isWaitingAt(TASK_JOINT_SESSION).hasPassed(GATEWAY_PARTNERS_ANSWERED);
    assertThat(task(TASK_JOINT_SESSION, dispute)).hasCandidateGroup("governance-centre");
    assertThat(engine.calls("recordPartnerInput")).extracting(Call::elementId).containsExactlyElementsOf(answering);
    assertThat(dispute).variables().doesNotContainKey("partnerInput").extractingByKey("partnerInputs").asString()
        .contains("police-station", "judicial-office", "peoples-court");
    complete(task(TASK_JOINT_SESSION, dispute), withVariables("legalConsultation", true,
        "psychologicalCounselling", false, LEVEL_OUTCOME, "SETTLED", "agreementText", "轮流使用车位 (Take turns)"));

    assertThat(dispute).hasPassed(EVENT_SESSION_HELD).isWaitingAt(TASK_RECORD_SETTLEMENT);
    execute(job(TASK_RECORD_SETTLEMENT, dispute));
    assertThat(engine.calls("recordSettlement")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry("legalConsultation", true).containsEntry("agreementText", "轮流使用车位 (Take turns)"));
  }

  // ---- Settled: Gateway_LevelOutcome (settled), the subsidy, Gateway_FollowUpOutcome, Timer_FollowUpDue

  @ParameterizedTest(name = "settled at level {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void caseSettledAtAnyLevelEarnsThatLevelsSubsidyAndIsClosedOnceItsOwnerFindsItStable(int level) throws Exception {
    ProcessInstance dispute = reach(level);

    settle(dispute, level);

    assertThat(dispute).hasPassed(level == CENTRE ? EVENT_SESSION_HELD : EVENT_LEVEL_MEDIATED, GATEWAY_LEVEL_OUTCOME,
        TASK_RECORD_SETTLEMENT, TASK_DECIDE_SUBSIDY, TASK_CREDIT_SUBSIDY).isWaitingAt(TASK_FOLLOW_UP_VISIT)
        .variables().containsEntry(SETTLED_AT_LEVEL, level);
    assertThat(engine.calls("creditSubsidy")).singleElement().satisfies(call -> assertThat(call.variables())
        .as("mediation-subsidy.dmn").containsEntry("subsidy", subsidy(level)));
    assertFollowUpDue(dispute);
    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "5", "followUpNote", "已安静 (Quiet since)"));

    assertThat(dispute).isEnded().hasPassed(GATEWAY_FOLLOW_UP_OUTCOME, EVENT_CASE_CLOSED)
        .hasNotPassed(EVENT_FOLLOW_UP_OVERDUE, EVENT_CASE_REFERRED);
    assertThat(engine.calls("caseEvent")).extracting(Call::elementId).containsExactly(EVENT_CASE_CLOSED);
    verify(steps.reopenCase, never()).notify(any(DelegateExecution.class));
  }

  @Test
  void followUpNotDoneInTimeIsNotedAndTheVisitStaysOpen() {
    ProcessInstance dispute = register(DisputeType.NOISE, B01);
    settle(dispute, 1);

    execute(job(TIMER_FOLLOW_UP_DUE, dispute));

    assertThat(dispute).hasPassed(EVENT_FOLLOW_UP_OVERDUE).isWaitingAt(TASK_FOLLOW_UP_VISIT);
    assertThat(engine.calls("caseEvent")).extracting(Call::elementId).containsExactly(EVENT_FOLLOW_UP_OVERDUE);
    assertThat(jobQuery().processInstanceId(dispute.getId()).count()).as("it is noted once").isZero();
    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "3", "followUpNote", "迟到的回访 (Visited late)"));
    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_CLOSED);
  }

  @ParameterizedTest(name = "settled at level {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void disputeThatFlaresUpIsMediatedAgainAtTheLevelThatSettledIt(int level) {
    ProcessInstance dispute = reach(level);
    settle(dispute, level);

    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "半夜又打鼓 (Drumming again at night)"));

    assertThat(dispute).hasPassed(GATEWAY_FOLLOW_UP_OUTCOME).hasNotPassed(EVENT_CASE_CLOSED);
    assertThat(engine.calls("reopenCase")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry(SETTLED_AT_LEVEL, level).containsEntry("followUpNote", "半夜又打鼓 (Drumming again at night)"));
    assertAtLevel(dispute, level, B01, Set.of());
    assertThat(dispute).variables().doesNotContainKeys(LEVEL_OUTCOME, "agreementText");
    settle(dispute, level);
    assertThat(dispute).isWaitingAt(TASK_FOLLOW_UP_VISIT);
    assertThat(engine.calls("creditSubsidy")).as("the real step credits one case once: MediationEscalationProcessTest")
        .hasSize(2);
  }

  @Test
  void riskCaseThatFlaresUpGoesBackToTheCentreWithoutInformingThePoliceStationAgain() {
    ProcessInstance dispute = register(DisputeType.NOISE, B01, EnumSet.of(RiskFlag.VIOLENCE));
    execute(job(TASK_NOTIFY_POLICE_STATION, dispute));
    settle(dispute, CENTRE);

    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "又起冲突 (Fighting again)"));

    assertAtLevel(dispute, CENTRE, B01, EnumSet.of(RiskFlag.VIOLENCE));
    assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(dispute.getId())
        .activityId(TASK_NOTIFY_POLICE_STATION).count()).isEqualTo(1);
  }

  // ---- The constants

  @Test
  void everyElementConstantNamesAnElementOfItsKindInTheModel() throws IllegalAccessException {
    BpmnModelInstance model = repositoryService().getBpmnModelInstance(repositoryService()
        .createProcessDefinitionQuery().processDefinitionKey(MediationProcess.KEY).singleResult().getId());
    Map<String, Class<? extends FlowElement>> kinds = Map.of("TASK_", Task.class, "EVENT_", Event.class,
        "GATEWAY_", Gateway.class, "TIMER_", BoundaryEvent.class, "SUB_PROCESS_", SubProcess.class,
        "START_EVENT_", StartEvent.class);
    int checked = 0;
    for (Field field : MediationProcess.class.getFields()) {
      for (var kind : kinds.entrySet()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith(kind.getKey())) {
          String id = (String) field.get(null);
          assertThat(model.<FlowElement>getModelElementById(id)).as(field.getName()).isInstanceOf(kind.getValue());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  // ---- Helpers

  /**
   * Every non-empty set of risks and every dispute type, paired off: the triage table's risk rows do not read the type,
   * so as many starts as there are sets (or types, if more) cover them all.
   */
  static Stream<Arguments> everyCombinationOfRisksWithEveryType() {
    RiskFlag[] flags = RiskFlag.values();
    DisputeType[] types = DisputeType.values();
    int sets = (1 << flags.length) - 1;
    List<Arguments> arguments = new ArrayList<>();
    for (int start = 0; start < Math.max(sets, types.length); start++) {
      int set = start % sets + 1;
      EnumSet<RiskFlag> risks = EnumSet.noneOf(RiskFlag.class);
      for (int bit = 0; bit < flags.length; bit++) {
        if ((set & 1 << bit) != 0) {
          risks.add(flags[bit]);
        }
      }
      arguments.add(Arguments.of(types[start % types.length], risks));
    }
    return arguments.stream();
  }

  /** dispute-triage.dmn: where a dispute without risk starts (a new type must be placed here to compile). */
  private static int startLevel(DisputeType type) {
    return switch (type) {
      case NOISE, CLUTTER, WATER_LEAK, OTHER -> 1;
      case FAMILY -> 2;
      case PARKING, PROPERTY_FEES -> 3;
    };
  }

  /** mediation-level.dmn: who mediates at a level and how long they have. */
  private static String group(int level, String buildingId) {
    return switch (level) {
      case 1, 2 -> MediationMocks.LEVEL_GROUPS.get(buildingId).get(level - 1);
      case 3 -> "mediation-committee";
      default -> "governance-centre";
    };
  }

  private static String deadline(int level, Set<RiskFlag> risks) {
    return switch (level) {
      case 1 -> "P3D";
      case 2 -> "P5D";
      case 3 -> "P10D";
      default -> risks.contains(RiskFlag.VIOLENCE) || risks.contains(RiskFlag.SELF_HARM) ? "P7D" : "P15D";
    };
  }

  /** mediation-subsidy.dmn: one case, one subsidy, to the level that settled it. */
  private static Map<String, Object> subsidy(int level) {
    return switch (level) {
      case 1 -> Map.of("organisation", "楼栋长 (Building heads)", "amount", 100.0);
      case 2 -> Map.of("organisation", "网格员 (Grid workers)", "amount", 150.0);
      case 3 -> Map.of("organisation", "社区调委会 (Community mediation committee)", "amount", 200.0);
      default -> Map.of("organisation", "综治中心 (Governance centre)", "amount", 300.0);
    };
  }

  /**
   * The case is at this level and nowhere else: its task (the centre: the partners' questions first) for the level's
   * group, due when the level's only deadline passes (the level sub-process waits at that timer).
   */
  private static void assertAtLevel(ProcessInstance dispute, int level, String buildingId, Set<RiskFlag> risks) {
    Date due = after(Duration.parse(deadline(level, risks)));
    assertThat(dispute).as("level " + level).variables().containsEntry(CURRENT_LEVEL, level);
    if (level < CENTRE) {
      assertThat(dispute).isWaitingAtExactly(SUB_PROCESS_MEDIATION_LEVEL, TASK_MEDIATE_AT_LEVEL);
      assertThat(task(TASK_MEDIATE_AT_LEVEL, dispute)).hasCandidateGroup(group(level, buildingId)).hasDueDate(due);
    } else {
      assertThat(dispute).isWaitingAtExactly(SUB_PROCESS_MEDIATION_LEVEL, TASK_POLICE_STATION_INPUT,
          TASK_JUDICIAL_OFFICE_INPUT, TASK_PEOPLES_COURT_INPUT);
      PARTNER_GROUPS.forEach((partner, group) -> assertThat(task(partner, dispute)).hasCandidateGroup(group));
    }
    assertThat(jobQuery().processInstanceId(dispute.getId()).list()).as("level " + level + "'s deadline")
        .singleElement().satisfies(timer -> assertThat(timer.getDuedate()).isEqualTo(due));
    assertThat(job(TIMER_LEVEL_DEADLINE, dispute)).isNotNull();
  }

  private static void assertFollowUpDue(ProcessInstance dispute) {
    Date due = after(Duration.parse(FOLLOW_UP_WITHIN));
    assertThat(task(TASK_FOLLOW_UP_VISIT, dispute)).isAssignedTo(OWNER).hasDueDate(due);
    assertThat(taskQuery().processInstanceId(dispute.getId()).taskDefinitionKey(TASK_FOLLOW_UP_VISIT)
        .taskCandidateGroup(MANAGERS).includeAssignedTasks().count()).as("the managers stand in for the owner").isOne();
    assertThat(job(TIMER_FOLLOW_UP_DUE, dispute).getDuedate()).isEqualTo(due);
  }

  private static ProcessInstance register(DisputeType type, String buildingId) {
    return register(type, buildingId, Set.of());
  }

  /** As the start form sends a dispute: every risk ticked or not. */
  private static ProcessInstance register(DisputeType type, String buildingId, Set<RiskFlag> risks) {
    Map<String, Object> variables = new HashMap<>(Map.of(MediationProcess.BUILDING_ID, buildingId,
        MediationProcess.TYPE, type.name(), MediationProcess.PARTIES, "301户与401户 (Flats 301 and 401)",
        MediationProcess.DESCRIPTION, "23点后放音乐 (Loud music after 23:00)"));
    for (RiskFlag flag : RiskFlag.values()) {
      variables.put(flag.variable(), risks.contains(flag));
    }
    // The start's initiator becomes registeredBy, the case owner.
    engine.engine().getIdentityService().setAuthenticatedUserId(OWNER);
    try {
      return runtimeService().createProcessInstanceByKey(MediationProcess.KEY).setVariables(variables).execute();
    } finally {
      engine.engine().getIdentityService().clearAuthentication();
    }
  }

  /** A dispute of B01 without risk, at this level after the levels below did not settle it. */
  private static ProcessInstance reach(int level) {
    ProcessInstance dispute = register(DisputeType.NOISE, B01);
    for (int below = 1; below < level; below++) {
      notSettled(dispute, below, "不同意 (No agreement)");
    }
    return dispute;
  }

  private static void notSettled(ProcessInstance dispute, int level, String reason) {
    decide(dispute, level, withVariables(LEVEL_OUTCOME, "NOT_SETTLED", "notSettledReason", reason));
  }

  private static void settle(ProcessInstance dispute, int level) {
    decide(dispute, level, withVariables(LEVEL_OUTCOME, "SETTLED", "agreementText", "22点后不放音乐 (No music after 22:00)"));
    assertThat(dispute).as("a save point before the agreement is recorded").isWaitingAt(TASK_RECORD_SETTLEMENT);
    execute(job(TASK_RECORD_SETTLEMENT, dispute));
  }

  /** The level's answer: at the centre, the joint session's, once the partners have answered. */
  private static void decide(ProcessInstance dispute, int level, Map<String, Object> answer) {
    if (level == CENTRE) {
      for (String partner : PARTNER_TASKS) {
        complete(task(partner, dispute), withVariables("partnerInput", "意见 (Input) " + PARTNER_GROUPS.get(partner)));
      }
      complete(task(TASK_JOINT_SESSION, dispute), answer);
    } else {
      complete(task(TASK_MEDIATE_AT_LEVEL, dispute), answer);
    }
  }

  private Call lastCall(String beanName) {
    List<Call> calls = engine.calls(beanName);
    assertThat(calls).as(beanName).isNotEmpty();
    return calls.get(calls.size() - 1);
  }

  private static Date after(Duration duration) {
    return Date.from(ProcessTestEngine.NOW.toInstant().plus(duration));
  }
}
