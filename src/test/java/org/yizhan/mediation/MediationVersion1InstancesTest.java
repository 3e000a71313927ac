package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_CLOSED;
import static org.yizhan.mediation.MediationProcess.EVENT_CASE_REFERRED;
import static org.yizhan.mediation.MediationProcess.SUB_PROCESS_MEDIATION_LEVEL;
import static org.yizhan.mediation.MediationProcess.TASK_FOLLOW_UP_VISIT;
import static org.yizhan.mediation.MediationProcess.TASK_JOINT_SESSION;
import static org.yizhan.mediation.MediationProcess.TASK_JUDICIAL_OFFICE_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_PEOPLES_COURT_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_POLICE_STATION_INPUT;
import static org.yizhan.mediation.MediationProcess.TASK_REFER_CASE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * Cases registered on version 1 of mediation-escalation (four copied levels; kept in src/test/resources/mediation/v1)
 * keep running after the one-level-pattern version is deployed: they are not migrated (the ids differ) and finish on
 * version 1 with today's delegates and listeners.
 */
@StationTest
class MediationVersion1InstancesTest {

  /**
   * Version 1's own elements, gone from today's model (so not in MediationProcess); the ids both versions have are
   * MediationProcess's, as ids never change once deployed.
   */
  private static final String TASK_MEDIATE_IN_BUILDING = "Task_MediateInBuilding";
  private static final String TASK_MEDIATE_IN_GRID = "Task_MediateInGrid";
  private static final String TASK_MEDIATE_IN_COMMUNITY = "Task_MediateInCommunity";
  private static final String TIMER_COMMUNITY_DEADLINE = "Timer_CommunityDeadline";
  private static final List<String> PARTNER_TASKS = List.of(TASK_POLICE_STATION_INPUT, TASK_JUDICIAL_OFFICE_INPUT,
      TASK_PEOPLES_COURT_INPUT);

  private static final List<String> FORMS = List.of("register-dispute", "mediate-at-level", "joint-session",
      "partner-input", "refer-case", "follow-up-visit");

  @Autowired ProcessEngine engine;
  @Autowired CaseRepository cases;

  private final List<String> deployments = new ArrayList<>();
  private ProcessDefinition version1;

  @BeforeEach
  void deployVersion1() throws IOException {
    BpmnAwareTests.init(engine);
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("mediation-version-1")
        .addInputStream("mediation-escalation.bpmn", resource("/mediation/v1/mediation-escalation.bpmn"))
        .addInputStream("decisions/dispute-triage.dmn", resource("/mediation/v1/dispute-triage.dmn"))
        .addInputStream("decisions/mediation-subsidy.dmn", file("decisions/mediation-subsidy.dmn"));
    forms(deployment);
    String id = deployment.deploy().getId();
    deployments.add(id);
    version1 = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  @AfterEach
  void undeploy() {
    // Back to the version the app deployed, for the test classes that share the engine.
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void caseOnVersion1IsSettledAtTheGridReopenedAndClosedAfterTheNewVersionIsDeployed() throws IOException {
    ProcessInstance dispute = registerOnVersion1("NOISE");
    assertThat(dispute).isWaitingAt(TASK_MEDIATE_IN_BUILDING);

    deployCurrentVersion();

    complete(task(TASK_MEDIATE_IN_BUILDING, dispute),
        withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "Would not meet"));
    assertThat(dispute).isWaitingAt(TASK_MEDIATE_IN_GRID);
    assertThat(task(TASK_MEDIATE_IN_GRID, dispute)).hasCandidateGroup("grid-g01-workers");
    settle(dispute, TASK_MEDIATE_IN_GRID);
    assertThat(dispute).isWaitingAt(TASK_FOLLOW_UP_VISIT);
    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "Drums again"));
    assertThat(dispute).as("reopened where it was settled").isWaitingAt(TASK_MEDIATE_IN_GRID);
    settle(dispute, TASK_MEDIATE_IN_GRID);
    complete(task(TASK_FOLLOW_UP_VISIT, dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "4", "followUpNote", "Quiet"));

    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_CLOSED);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(dispute.getId())
        .singleResult().getProcessDefinitionId()).as("finished on version 1").isEqualTo(version1.getId());
    CaseRepository.DisputeCase closed = cases.find(dispute.getBusinessKey()).orElseThrow();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.settledAtLevel()).isEqualTo(2);
    assertThat(cases.history(dispute.getBusinessKey())).extracting(CaseRepository.CaseEvent::event)
        .contains("REGISTERED", "TRIAGED", "LEVEL_STARTED", "NOT_SETTLED", "SETTLED", "SUBSIDY", "REOPENED", "CLOSED");
  }

  @Test
  void caseOnVersion1ThatTimesOutUpToTheCentreIsReferredAfterTheNewVersionIsDeployed() throws IOException {
    ProcessInstance dispute = registerOnVersion1("PARKING");
    assertThat(dispute).isWaitingAt(TASK_MEDIATE_IN_COMMUNITY);

    deployCurrentVersion();

    execute(job(TIMER_COMMUNITY_DEADLINE, dispute));
    assertThat(dispute).isWaitingAt(PARTNER_TASKS.toArray(String[]::new));
    for (String partner : PARTNER_TASKS) {
      complete(task(partner, dispute), withVariables("partnerInput", "Input from " + partner));
    }
    assertThat(task(TASK_JOINT_SESSION, dispute)).hasCandidateGroup("governance-centre");
    complete(task(TASK_JOINT_SESSION, dispute),
        withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "Damages for the court"));
    complete(task(TASK_REFER_CASE, dispute),
        withVariables("referralChannel", "LITIGATION", "referralGuidance", "Small claims"));

    assertThat(dispute).isEnded().hasPassed(EVENT_CASE_REFERRED);
    assertThat(cases.find(dispute.getBusinessKey()).orElseThrow().status()).isEqualTo(CaseStatus.REFERRED);
    assertThat(cases.history(dispute.getBusinessKey())).extracting(CaseRepository.CaseEvent::event)
        .contains("TIMED_OUT", "PARTNER_INPUT", "NOT_SETTLED", "REFERRED");
    assertThat(cases.history(dispute.getBusinessKey())).filteredOn(event -> "NOT_SETTLED".equals(event.event()))
        .extracting(CaseRepository.CaseEvent::level).containsExactly(4);
  }

  private ProcessInstance registerOnVersion1(String type) {
    engine.getIdentityService().setAuthentication("liu.yang", List.of("building-heads"));
    try {
      return engine.getRuntimeService().createProcessInstanceById(version1.getId()).setVariables(Map.of(
          "buildingId", "B01", "type", type, "parties", "Flat 301 and flat 401", "description", "Drums at night",
          "riskViolence", false, "riskSelfHarm", false, "riskGroupIncident", false)).execute();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Deploys processes/ as the station does after the change; new cases start on it. */
  private void deployCurrentVersion() throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("mediation-version-2")
        .addInputStream("mediation-escalation.bpmn", file("mediation-escalation.bpmn"));
    for (String table : List.of("dispute-triage", "mediation-level", "mediation-subsidy")) {
      deployment.addInputStream("decisions/" + table + ".dmn", file("decisions/" + table + ".dmn"));
    }
    forms(deployment);
    deployments.add(deployment.deploy().getId());
    ProcessDefinition latest = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(MediationProcess.KEY).latestVersion().singleResult();
    assertThat(latest.getVersion()).isGreaterThan(version1.getVersion());
    Object levelPattern = engine.getRepositoryService().getBpmnModelInstance(latest.getId())
        .getModelElementById(SUB_PROCESS_MEDIATION_LEVEL);
    assertThat(levelPattern).as("the new version is the latest").isNotNull();
  }

  private void settle(ProcessInstance dispute, String levelTask) {
    complete(task(levelTask, dispute), withVariables("levelOutcome", "SETTLED", "agreementText", "No drums after 21:00"));
  }

  private static void forms(DeploymentBuilder deployment) throws IOException {
    for (String form : FORMS) {
      deployment.addInputStream("forms/" + form + ".form", file("forms/" + form + ".form"));
    }
  }

  private static InputStream file(String name) throws IOException {
    return Files.newInputStream(Path.of("processes", name));
  }

  private static InputStream resource(String name) {
    return MediationVersion1InstancesTest.class.getResourceAsStream(name);
  }
}
