package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.support.TestFolders;

@StationTest
class ProcessFolderDeployerTest {

  @Autowired ProcessFolderDeployer deployer;
  @Autowired RepositoryService repository;
  @Autowired ModelStatus status;

  @Test
  void foldersModelsAreDeployedUnderRelativeNamesWithTheirForms() {
    var deployment = repository.createDeploymentQuery().deploymentName(ProcessFolderDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().asc().list().get(0);

    assertThat(repository.getDeploymentResources(deployment.getId())).extracting(Resource::getName)
        .contains("station-order.bpmn", "decisions/delivery-mode.dmn", "forms/place-order.form", "forms/accept-order.form");
  }

  @Test
  void unchangedModelsAreNotDeployedAgain() {
    long definitionsBefore = repository.createProcessDefinitionQuery().processDefinitionKey("station-order").count();

    assertThat(deployer.deploy()).isNull();

    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("station-order").count())
        .isEqualTo(definitionsBefore);
  }

  @Test
  void changedFormIsDeployedWithTheProcessesThatUseItAndNothingElse(@TempDir Path copy) throws IOException {
    TestFolders.copy(Path.of("processes"), copy);
    var separate = new ProcessFolderDeployer(repository, status, copy, "processes-copy");
    separate.deploy();
    Path form = copy.resolve("forms/hand-over.form");
    Files.writeString(form, Files.readString(form).replace("签收人 (Received by)", "签收人 (Signed for by)"));

    DeploymentWithDefinitions redeployed = separate.deploy();

    var names = repository.getDeploymentResources(redeployed.getId()).stream().map(Resource::getName).toList();
    assertThat(names).contains("forms/hand-over.form", "station-order.bpmn", "forms/accept-order.form",
        "decisions/delivery-mode.dmn").doesNotContain("doorstep-delivery.bpmn", "mediation-escalation.bpmn",
        "forms/doorstep-visit.form");
    assertThat(separate.deploy()).as("and then nothing is left to deploy").isNull();
  }

  @Test
  void changedProcessTakesItsFormsAndDecisionsAlong(@TempDir Path copy) throws IOException {
    TestFolders.copy(Path.of("processes"), copy);
    var separate = new ProcessFolderDeployer(repository, status, copy, "processes-copy-2");
    separate.deploy();
    Path model = copy.resolve("doorstep-delivery.bpmn");
    Files.writeString(model, Files.readString(model).replace("记积分 (Credit points)", "记积分 (Credit the points)"));

    DeploymentWithDefinitions redeployed = separate.deploy();

    var names = repository.getDeploymentResources(redeployed.getId()).stream().map(Resource::getName).toList();
    assertThat(names).containsExactlyInAnyOrder("doorstep-delivery.bpmn", "forms/doorstep-visit.form",
        "forms/welfare-check.form", "forms/escalate-welfare-check.form", "forms/arrange-help.form",
        "decisions/volunteer-points.dmn", "decisions/welfare-risk.dmn");
  }
}
