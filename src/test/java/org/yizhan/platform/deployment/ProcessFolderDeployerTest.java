package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

@StationTest
class ProcessFolderDeployerTest {

  @Autowired ProcessFolderDeployer deployer;
  @Autowired RepositoryService repository;

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
    long decisionsBefore = repository.createDecisionDefinitionQuery().decisionDefinitionKey("delivery-mode").count();

    deployer.deploy();

    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("station-order").count())
        .isEqualTo(definitionsBefore);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("delivery-mode").count())
        .isEqualTo(decisionsBefore);
  }
}
