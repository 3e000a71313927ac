package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

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
    assertThat(dispute).isWaitingAt("Task_MediateInBuilding");

    deployCurrentVersion();

    complete(task("Task_MediateInBuilding", dispute),
        withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "Would not meet"));
    assertThat(dispute).isWaitingAt("Task_MediateInGrid");
    assertThat(task("Task_MediateInGrid", dispute)).hasCandidateGroup("grid-g01-workers");
    settle(dispute, "Task_MediateInGrid");
    assertThat(dispute).isWaitingAt("Task_FollowUpVisit");
    complete(task("Task_FollowUpVisit", dispute),
        withVariables("followUpOutcome", "FLARED_UP", "followUpNote", "Drums again"));
    assertThat(dispute).as("reopened where it was settled").isWaitingAt("Task_MediateInGrid");
    settle(dispute, "Task_MediateInGrid");
    complete(task("Task_FollowUpVisit", dispute),
        withVariables("followUpOutcome", "STABLE", "satisfaction", "4", "followUpNote", "Quiet"));

    assertThat(dispute).isEnded().hasPassed("Event_CaseClosed");
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
    assertThat(dispute).isWaitingAt("Task_MediateInCommunity");

    deployCurrentVersion();

    execute(job("Timer_CommunityDeadline", dispute));
    assertThat(dispute).isWaitingAt("Task_PoliceStationInput", "Task_JudicialOfficeInput", "Task_PeoplesCourtInput");
    for (String partner : List.of("Task_PoliceStationInput", "Task_JudicialOfficeInput", "Task_PeoplesCourtInput")) {
      complete(task(partner, dispute), withVariables("partnerInput", "Input from " + partner));
    }
    assertThat(task("Task_JointSession", dispute)).hasCandidateGroup("governance-centre");
    complete(task("Task_JointSession", dispute),
        withVariables("levelOutcome", "NOT_SETTLED", "notSettledReason", "Damages for the court"));
    complete(task("Task_ReferCase", dispute),
        withVariables("referralChannel", "LITIGATION", "referralGuidance", "Small claims"));

    assertThat(dispute).isEnded().hasPassed("Event_CaseReferred");
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
        .getModelElementById("SubProcess_MediationLevel");
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
