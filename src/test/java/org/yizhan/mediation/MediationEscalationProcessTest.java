package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;

/**
 * Every path of processes/mediation-escalation.bpmn with the real triage and level tables, listeners and case tables:
 * one level sub-process that the case passes through once per level, as mediation-level.dmn directs.
 */
@StationTest
class MediationEscalationProcessTest {

  private static final String[] LEVEL_TASKS = {null, "Task_MediateAtLevel", "Task_MediateAtLevel",
      "Task_MediateAtLevel", "Task_JointSession"};
  private static final List<String> PARTNER_TASKS = List.of("Task_PoliceStationInput", "Task_JudicialOfficeInput",
      "Task_PeoplesCourtInput");

  @Autowired ProcessEngine engine;
  @Autowired CaseRepository cases;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @ParameterizedTest(name = "settled at level {0}")
  @CsvSource({"1", "2", "3", "4"})
  void caseSettledAtAnyLevelIsFollowedUpByItsOwnerAndClosed(int level) {
    ProcessInstance dispute = register("NOISE", Map.of());
    for (int below = 1; below < level; below++) {
      notSettled(dispute, below, "Parties would not meet (双方不见面)");
    }
    settle(dispute, level);

    assertThat(dispute).isWaitingAt("Task_FollowUpVisit");
    assertThat(task("Task_FollowUpVisit", dispute)).isAssignedTo("liu.yang");
    long dueInDays = (task("Task_FollowUpVisit", dispute).getDueDate().getTime() - System.currentTimeMillis()) / 86_400_000;
    assertThat(dueInDays).isBetween(14L, 15L);
    complete(task("Task_FollowUpVisit", dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "5", "followUpNote", "Quiet since (已安静)"));

    assertThat(dispute).isEnded().hasPassed("Event_CaseClosed");
    CaseRepository.DisputeCase closed = cases.find(caseNo(dispute)).orElseThrow();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.settledAtLevel()).isEqualTo(level);
    assertThat(closed.satisfaction()).isEqualTo(5);
    assertThat(subsidy(dispute)).isEqualTo(new String[] {"100.00", "150.00", "200.00", "300.00"}[level - 1]);
    assertThat(cases.history(caseNo(dispute))).filteredOn(event -> event.event().equals("SUBSIDY"))
        .extracting(CaseRepository.CaseEvent::reason).as("the case's history reads money like money")
        .singleElement().asString().endsWith(": ¥" + subsidy(dispute));
  }

  @Test
  void everyTaskOfACaseShowsItsBuildingAndGridButNoFlat() {
    ProcessInstance dispute = register("NOISE", Map.of());

    assertThat(dispute).variables().containsEntry("residentArea",
        "暖心里小区1号楼 (Building 1, Nuanxinli Estate) · 网格一 · 火车站西 (Grid 1, Railway Station West)");
    assertThat(engine.getTaskService().getVariablesLocal(task("Task_MediateAtLevel", dispute).getId()))
        .as("on the task itself, for the card").containsEntry("caseNo", caseNo(dispute))
        .containsEntry("residentArea", "暖心里小区1号楼 (Building 1, Nuanxinli Estate) · 网格一 · 火车站西 (Grid 1, Railway Station West)");
  }

  @Test
  void anAreaSentAlongWithTheDisputeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> register("NOISE", Map.of("residentArea", "301")))
        .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class).hasMessageContaining("residentArea");
  }

  @ParameterizedTest(name = "deadline passes at level {0}")
  @CsvSource({"1", "2", "3", "4"})
  void caseNotSettledInTimeMovesUpByItself(int level) {
    ProcessInstance dispute = register("NOISE", Map.of());
    for (int below = 1; below < level; below++) {
      notSettled(dispute, below, "No agreement");
    }

    execute(job("Timer_LevelDeadline", dispute));

    if (level < 3) {
      assertThat(dispute).isWaitingAt(LEVEL_TASKS[level + 1]);
      assertThat(currentLevel(dispute)).isEqualTo(level + 1);
    } else if (level == 3) {
      assertThat(dispute).isWaitingAt(PARTNER_TASKS.toArray(String[]::new));
    } else {
      assertThat(dispute).isWaitingAt("Task_ReferCase");
    }
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event).contains("TIMED_OUT");
    assertThat(cases.history(caseNo(dispute))).filteredOn(e -> "TIMED_OUT".equals(e.event()))
        .extracting(CaseRepository.CaseEvent::reason).allMatch(reason -> reason.contains("Deadline passed"));
  }

  @Test
  void levelsHaveTheirOwnGroupsAndDeadlinesFromTheTriageTable() {
    ProcessInstance dispute = register("CLUTTER", Map.of());

    assertLevel(dispute, 1, "building-b01-heads", 3);
    notSettled(dispute, 1, "Refuses to move the bicycles");
    assertLevel(dispute, 2, "grid-g01-workers", 5);
    notSettled(dispute, 2, "Still refuses");
    assertLevel(dispute, 3, "mediation-committee", 10);
    notSettled(dispute, 3, "Needs the street");
    assertThat(dispute).isWaitingAt(PARTNER_TASKS.toArray(String[]::new));
    assertThat(task("Task_PoliceStationInput", dispute)).hasCandidateGroup("police-station");
    assertThat(task("Task_JudicialOfficeInput", dispute)).hasCandidateGroup("judicial-office");
    assertThat(task("Task_PeoplesCourtInput", dispute)).hasCandidateGroup("peoples-court");
    assertThat(timerDueInDays(dispute)).isEqualTo(15);
    completePartnerInputs(dispute);
    assertThat(task("Task_JointSession", dispute)).hasCandidateGroup("governance-centre");
  }

  @Test
  void eachLevelIsOneTimerAndOneTaskThatTheCaseHasReachedOnlyOnce() {
    ProcessInstance dispute = register("NOISE", Map.of());
    notSettled(dispute, 1, "No agreement");

    assertThat(engine.getManagementService().createJobQuery().processInstanceId(dispute.getId()).timers().count())
        .as("the level's deadline; the building's is gone with its level").isEqualTo(1);
    assertThat(dispute).variables().containsEntry("levelName", "网格调解 (Grid workers)");
    assertThat(cases.history(caseNo(dispute))).filteredOn(event -> "LEVEL_STARTED".equals(event.event()))
        .extracting(CaseRepository.CaseEvent::level).containsExactly(1, 2);
  }

  @Test
  void firstTwoLevelsGoToTheHeadsOfTheDisputesBuildingAndTheWorkersOfItsGrid() {
    ProcessInstance dispute = register("NOISE", Map.of(), "B12");

    assertThat(task("Task_MediateAtLevel", dispute)).hasCandidateGroup("building-b12-heads");
    notSettled(dispute, 1, "No agreement");
    assertThat(task("Task_MediateAtLevel", dispute)).hasCandidateGroup("grid-g02-workers");
  }

  @Test
  void familyDisputeStartsWithTheGridWorkerAndParkingWithTheCommunity() {
    ProcessInstance family = register("FAMILY", Map.of());
    assertThat(family).isWaitingAt("Task_MediateAtLevel");
    assertThat(task("Task_MediateAtLevel", family)).hasCandidateGroup("grid-g01-workers");
    ProcessInstance parking = register("PARKING", Map.of());
    assertThat(task("Task_MediateAtLevel", parking)).hasCandidateGroup("mediation-committee");
    assertThat(cases.find(caseNo(parking)).orElseThrow().startLevel()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}: the centre has {1} days")
  @CsvSource({"riskViolence, 7", "riskSelfHarm, 7", "riskGroupIncident, 15"})
  void riskGoesStraightToTheCentreAndInformsThePoliceStation(String risk, int centreDays) {
    ProcessInstance dispute = register("PARKING", Map.of(risk, true));

    assertThat(dispute).isWaitingAt("Task_NotifyPoliceStation");
    execute(job("Task_NotifyPoliceStation", dispute));

    assertThat(dispute).isWaitingAt(PARTNER_TASKS.toArray(String[]::new));
    assertThat(cases.find(caseNo(dispute)).orElseThrow().startLevel()).isEqualTo(4);
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event).contains("POLICE_NOTIFIED");
    assertThat(timerDueInDays(dispute)).isEqualTo(centreDays);
  }

  @Test
  void caseTheCentreDoesNotSettleInTimeIsReferred() {
    ProcessInstance dispute = register("NOISE", Map.of("riskSelfHarm", true));
    execute(job("Task_NotifyPoliceStation", dispute));

    execute(job("Timer_LevelDeadline", dispute));

    assertThat(dispute).isWaitingAt("Task_ReferCase");
    assertThat(currentLevel(dispute)).as("there is no level above the centre").isEqualTo(4);
    complete(task("Task_ReferCase", dispute), withVariables("referralChannel", "PETITION", "referralGuidance", "Office"));
    assertThat(dispute).isEnded().hasPassed("Event_CaseReferred");
  }

  @Test
  void disputeWithoutItsRisksTickedHasNoRisk() {
    ProcessInstance dispute = register("NOISE", Map.of(), "B01", false);

    assertThat(dispute).variables().containsEntry("riskViolence", false).containsEntry("riskSelfHarm", false)
        .containsEntry("riskGroupIncident", false);
    assertThat(dispute).isWaitingAt("Task_MediateAtLevel");
  }

  @Test
  void disputeThatDoesNotPassTheChecksIsRefusedWithTheValueAtFaultAndWritesNothing() {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> register("NOISE", Map.of(), "B99"))
        .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("B99")
        .extracting(refused -> ((DisputeRefusedException) refused).field()).isEqualTo("buildingId");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> register("NOISE", Map.of("parties", " ")))
        .isInstanceOf(DisputeRefusedException.class)
        .extracting(refused -> ((DisputeRefusedException) refused).field()).isEqualTo("parties");
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void caseTheCentreCannotSettleIsReferredWithGuidance() {
    ProcessInstance dispute = register("WATER_LEAK", Map.of("riskGroupIncident", true));
    execute(job("Task_NotifyPoliceStation", dispute));
    notSettled(dispute, 4, "Insurer must decide the damages");

    complete(task("Task_ReferCase", dispute), withVariables("referralChannel", "LITIGATION",
        "referralGuidance", "Small claims at the people's court; free legal aid at the judicial office"));

    assertThat(dispute).isEnded().hasPassed("Event_CaseReferred");
    CaseRepository.DisputeCase referred = cases.find(caseNo(dispute)).orElseThrow();
    assertThat(referred.status()).isEqualTo(CaseStatus.REFERRED);
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event)
        .contains("PARTNER_INPUT", "NOT_SETTLED", "REFERRED");
  }

  @Test
  void disputeThatFlaresUpIsReopenedWhereItWasSettledAndEarnsNoSecondSubsidy() {
    ProcessInstance dispute = register("NOISE", Map.of());
    notSettled(dispute, 1, "No agreement");
    settle(dispute, 2);

    complete(task("Task_FollowUpVisit", dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "Drumming again at night"));

    assertThat(dispute).isWaitingAt("Task_MediateAtLevel");
    assertThat(task("Task_MediateAtLevel", dispute)).hasCandidateGroup("grid-g01-workers");
    assertThat(cases.find(caseNo(dispute)).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
    settle(dispute, 2);
    assertThat(jdbc.sql("select count(*) from mediation_subsidy where case_no = ?").param(caseNo(dispute))
        .query(Integer.class).single()).isEqualTo(1);
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event).contains("REOPENED");
  }

  @Test
  void followUpNotDoneInTimeIsRecorded() {
    ProcessInstance dispute = register("NOISE", Map.of());
    settle(dispute, 1);

    execute(job("Timer_FollowUpDue", dispute));

    assertThat(dispute).isWaitingAt("Task_FollowUpVisit");
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event).contains("FOLLOW_UP_OVERDUE");
  }

  private ProcessInstance register(String type, Map<String, Object> risks) {
    return register(type, risks, "B01");
  }

  private ProcessInstance register(String type, Map<String, Object> risks, String buildingId) {
    return register(type, risks, buildingId, true);
  }

  /** As the start form sends it: every risk ticked or not, unless {@code allRisks} is false (a start over REST). */
  private ProcessInstance register(String type, Map<String, Object> risks, String buildingId, boolean allRisks) {
    engine.getIdentityService().setAuthentication("liu.yang", List.of("building-heads"));
    try {
      Map<String, Object> variables = new java.util.HashMap<>(Map.of("buildingId", buildingId, "type", type,
          "parties", "Flat 301 and flat 401 (301户与401户)", "description", "Loud music after 23:00"));
      if (allRisks) {
        for (RiskFlag flag : RiskFlag.values()) {
          variables.put(flag.variable(), false);
        }
      }
      variables.putAll(risks);
      return engine.getRuntimeService().createProcessInstanceByKey(MediationProcess.KEY).setVariables(variables).execute();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void notSettled(ProcessInstance dispute, int level, String reason) {
    if (level == 4) {
      completePartnerInputs(dispute);
    }
    complete(task(LEVEL_TASKS[level], dispute), withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", reason));
  }

  private void settle(ProcessInstance dispute, int level) {
    if (level == 4) {
      completePartnerInputs(dispute);
    }
    complete(task(LEVEL_TASKS[level], dispute),
        withVariables("levelOutcome", "SETTLED", "agreementText", "No music after 22:00 (22点后不放音乐)"));
    assertThat(dispute).as("a save point before the agreement is recorded").isWaitingAt("Task_RecordSettlement");
    execute(job("Task_RecordSettlement", dispute));
  }

  private void completePartnerInputs(ProcessInstance dispute) {
    for (String partner : PARTNER_TASKS) {
      complete(task(partner, dispute), withVariables("partnerInput", "Input from " + partner));
    }
  }

  /** The case number is the business key the start gave the instance. */
  private String caseNo(ProcessInstance dispute) {
    return dispute.getBusinessKey();
  }

  private void assertLevel(ProcessInstance dispute, int level, String group, int deadlineDays) {
    assertThat(currentLevel(dispute)).isEqualTo(level);
    assertThat(task("Task_MediateAtLevel", dispute)).hasCandidateGroup(group);
    assertThat(timerDueInDays(dispute)).as("deadline of level " + level).isEqualTo(deadlineDays);
  }

  private int currentLevel(ProcessInstance dispute) {
    return (Integer) engine.getRuntimeService().getVariable(dispute.getId(), "currentLevel");
  }

  /** Whole days from now until the level's deadline passes (the timer was just created). */
  private long timerDueInDays(ProcessInstance dispute) {
    java.util.Date due = engine.getManagementService().createJobQuery().processInstanceId(dispute.getId())
        .activityId("Timer_LevelDeadline").singleResult().getDuedate();
    return Math.round((due.getTime() - System.currentTimeMillis()) / 86_400_000.0);
  }

  private String subsidy(ProcessInstance dispute) {
    return jdbc.sql("select amount from mediation_subsidy where case_no = ?").param(caseNo(dispute))
        .query(java.math.BigDecimal.class).single().setScale(2).toPlainString();
  }
}
