package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_CLOSED;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_REFERRED;
import static org.yizhan.mediation.MediationProcess.TASK_FOLLOW_UP_VISIT;
import static org.yizhan.mediation.MediationProcess.TASK_JOINT_SESSION;
import static org.yizhan.mediation.MediationProcess.TASK_JUDICIAL_OFFICE_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_MEDIATE_AT_LEVEL;
import static org.yizhan.mediation.MediationProcess.TASK_NOTIFY_POLICE_STATION;
import static org.yizhan.mediation.MediationProcess.TASK_PEOPLES_COURT_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_POLICE_STATION_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_RECORD_SETTLEMENT;
import static org.yizhan.mediation.MediationProcess.TASK_REFER_CASE;
import static org.yizhan.mediation.MediationProcess.TIMER_FOLLOW_UP_DUE;
import static org.yizhan.mediation.MediationProcess.TIMER_LEVEL_DEADLINE;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
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
 * processes/mediation-escalation.bpmn in the assembled app, for what needs it: the real steps writing the case's
 * records (its levels, history, status, the one subsidy per case), the checks of a new dispute and the refusal that
 * writes nothing, the groups registering finds for a building, the configured follow-up and the task cards that show
 * a case's building and grid but no flat. Every path of the model (each gateway's flows, both timers, every end
 * event, the level loop, the partners' joint session, referral, reopening) is MediationPathsTest's, on an engine of
 * its own with mocked steps; the decision tables row by row are MediationTablesTest's.
 */
@StationTest
class MediationEscalationProcessTest {

  private static final String[] LEVEL_TASKS = {null, TASK_MEDIATE_AT_LEVEL, TASK_MEDIATE_AT_LEVEL,
      TASK_MEDIATE_AT_LEVEL, TASK_JOINT_SESSION};
  private static final List<String> PARTNER_TASKS = List.of(TASK_POLICE_STATION_INPUT, TASK_JUDICIAL_OFFICE_INPUT,
      TASK_PEOPLES_COURT_INPUT);

  @Autowired ProcessEngine engine;
  @Autowired CaseRepository cases;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  /** The building and the centre; the subsidy of the levels between is the same step with the table's amount. */
  @ParameterizedTest(name = "settled at level {0}")
  @CsvSource({"1, 100.00", "4, 300.00"})
  void caseSettledAtALevelIsRecordedWithItsSubsidyFollowedUpByItsOwnerAndClosed(int level, String subsidy) {
    ProcessInstance dispute = register("NOISE", Map.of());
    for (int below = 1; below < level; below++) {
      notSettled(dispute, below, "Parties would not meet (双方不见面)");
    }
    settle(dispute, level);

    assertThat(task(TASK_FOLLOW_UP_VISIT, dispute)).isAssignedTo("liu.yang");
    long dueInDays = (task(TASK_FOLLOW_UP_VISIT, dispute).getDueDate().getTime() - System.currentTimeMillis()) / 86_400_000;
    assertThat(dueInDays).as("yizhan.mediation.follow-up-within").isBetween(14L, 15L);
    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "5", "followUpNote", "Quiet since (已安静)"));

    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_CLOSED);
    CaseRepository.DisputeCase closed = cases.find(caseNo(dispute)).orElseThrow();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.settledAtLevel()).isEqualTo(level);
    assertThat(closed.satisfaction()).isEqualTo(5);
    assertThat(subsidy(dispute)).isEqualTo(subsidy);
    assertThat(cases.history(caseNo(dispute))).filteredOn(event -> event.event().equals("SUBSIDY"))
        .extracting(CaseRepository.CaseEvent::reason).as("the case's history reads money like money")
        .singleElement().asString().endsWith(": ¥" + subsidy);
  }

  @Test
  void everyTaskOfACaseShowsItsBuildingAndGridButNoFlat() {
    ProcessInstance dispute = register("NOISE", Map.of());

    assertThat(dispute).variables().containsEntry("residentArea",
        "暖心里小区1号楼 (Building 1, Nuanxinli Estate) · 网格一 · 火车站西 (Grid 1, Railway Station West)");
    assertThat(engine.getTaskService().getVariablesLocal(task(TASK_MEDIATE_AT_LEVEL, dispute).getId()))
        .as("on the task itself, for the card").containsEntry("caseNo", caseNo(dispute))
        .containsEntry("residentArea", "暖心里小区1号楼 (Building 1, Nuanxinli Estate) · 网格一 · 火车站西 (Grid 1, Railway Station West)");
  }

  @Test
  void anAreaSentAlongWithTheDisputeIsRefused() {
    assertThatThrownBy(() -> register("NOISE", Map.of("residentArea", "301")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("residentArea");
  }

  @Test
  void deadlinePassingIsRecordedInTheCaseHistory() {
    ProcessInstance dispute = register("NOISE", Map.of());

    execute(job(TIMER_LEVEL_DEADLINE, dispute));

    assertThat(currentLevel(dispute)).isEqualTo(2);
    assertThat(cases.history(caseNo(dispute))).filteredOn(e -> "TIMED_OUT".equals(e.event()))
        .extracting(CaseRepository.CaseEvent::reason).singleElement().asString()
        .contains("Deadline passed at level 1");
  }

  @Test
  void eachLevelTheCaseReachesIsRecordedOnceWithItsName() {
    ProcessInstance dispute = register("NOISE", Map.of());
    notSettled(dispute, 1, "No agreement");

    assertThat(dispute).variables().containsEntry("levelName", "网格调解 (Grid workers)");
    assertThat(cases.history(caseNo(dispute))).filteredOn(event -> "LEVEL_STARTED".equals(event.event()))
        .extracting(CaseRepository.CaseEvent::level).containsExactly(1, 2);
  }

  @ParameterizedTest(name = "{0}: {1}, then {2}")
  @CsvSource({"B01, building-b01-heads, grid-g01-workers", "B12, building-b12-heads, grid-g02-workers"})
  void firstTwoLevelsGoToTheHeadsOfTheDisputesBuildingAndTheWorkersOfItsGrid(String building, String heads,
      String gridWorkers) {
    ProcessInstance dispute = register("NOISE", Map.of(), building);

    assertThat(task(TASK_MEDIATE_AT_LEVEL, dispute)).hasCandidateGroup(heads);
    notSettled(dispute, 1, "No agreement");
    assertThat(task(TASK_MEDIATE_AT_LEVEL, dispute)).hasCandidateGroup(gridWorkers);
  }

  @Test
  void theLevelTheTriageTableStartsACaseAtIsRecorded() {
    ProcessInstance parking = register("PARKING", Map.of());

    assertThat(cases.find(caseNo(parking)).orElseThrow().startLevel()).isEqualTo(3);
    assertThat(cases.history(caseNo(parking))).filteredOn(event -> "TRIAGED".equals(event.event()))
        .extracting(CaseRepository.CaseEvent::level).containsExactly(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"riskViolence", "riskSelfHarm", "riskGroupIncident"})
  void riskIsRecordedAsAStartAtTheCentreWithThePoliceStationInformed(String risk) {
    ProcessInstance dispute = register("PARKING", Map.of(risk, true));

    execute(job(TASK_NOTIFY_POLICE_STATION, dispute));

    assertThat(dispute).isWaitingAt(PARTNER_TASKS.toArray(String[]::new));
    assertThat(cases.find(caseNo(dispute)).orElseThrow().startLevel()).isEqualTo(4);
    assertThat(cases.history(caseNo(dispute))).extracting(CaseRepository.CaseEvent::event).contains("POLICE_NOTIFIED");
  }

  @Test
  void disputeWithoutItsRisksTickedHasNoRisk() {
    ProcessInstance dispute = register("NOISE", Map.of(), "B01", false);

    assertThat(dispute).variables().containsEntry("riskViolence", false).containsEntry("riskSelfHarm", false)
        .containsEntry("riskGroupIncident", false);
    assertThat(dispute).isWaitingAt(TASK_MEDIATE_AT_LEVEL);
  }

  @Test
  void disputeThatDoesNotPassTheChecksIsRefusedWithTheValueAtFaultAndWritesNothing() {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();

    assertThatThrownBy(() -> register("NOISE", Map.of(), "B99"))
        .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("B99")
        .extracting(refused -> ((DisputeRefusedException) refused).field()).isEqualTo("buildingId");
    assertThatThrownBy(() -> register("NOISE", Map.of("parties", " ")))
        .isInstanceOf(DisputeRefusedException.class)
        .extracting(refused -> ((DisputeRefusedException) refused).field()).isEqualTo("parties");
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void caseTheCentreCannotSettleIsReferredWithGuidance() {
    ProcessInstance dispute = register("WATER_LEAK", Map.of("riskGroupIncident", true));
    execute(job(TASK_NOTIFY_POLICE_STATION, dispute));
    notSettled(dispute, 4, "Insurer must decide the damages");

    complete(task(TASK_REFER_CASE, dispute), withVariables("referralChannel", "LITIGATION",
        "referralGuidance", "Small claims at the people's court; free legal aid at the judicial office"));

    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_REFERRED);
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

    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "Drumming again at night"));

    assertThat(dispute).isWaitingAt(TASK_MEDIATE_AT_LEVEL);
    assertThat(task(TASK_MEDIATE_AT_LEVEL, dispute)).hasCandidateGroup("grid-g01-workers");
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

    execute(job(TIMER_FOLLOW_UP_DUE, dispute));

    assertThat(dispute).isWaitingAt(TASK_FOLLOW_UP_VISIT);
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
      Map<String, Object> variables = new HashMap<>(Map.of("buildingId", buildingId, "type", type,
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
    execute(job(TASK_RECORD_SETTLEMENT, dispute));
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

  private int currentLevel(ProcessInstance dispute) {
    return (Integer) engine.getRuntimeService().getVariable(dispute.getId(), "currentLevel");
  }

  private String subsidy(ProcessInstance dispute) {
    return jdbc.sql("select amount from mediation_subsidy where case_no = ?").param(caseNo(dispute))
        .query(BigDecimal.class).single().setScale(2).toPlainString();
  }
}
