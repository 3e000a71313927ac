package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.order.OrderProcess;
import org.yizhan.platform.cluster.ClusterLock;
import org.yizhan.support.TestFolders;

@StationTest
class ProcessFolderDeployerTest {

  private static final String ACCEPT_LABEL = "驿站接单 (Accept order)";
  private static final List<String> STATION_ORDER_FILES = List.of("station-order.bpmn", "decisions/delivery-mode.dmn",
      "forms/accept-order.form", "forms/agree-new-price.form", "forms/chase-unaccepted-order.form",
      "forms/check-goods.form", "forms/confirm-stock.form", "forms/deliver-to-station.form", "forms/hand-over.form",
      "forms/place-order.form", "forms/remind-pickup.form", "forms/schedule-service.form");

  @Autowired ProcessFolderDeployer deployer;
  @Autowired RepositoryService repository;
  @Autowired ModelStatus status;
  @Autowired ClusterLock clusterLock;
  @Autowired DeploymentOrder order;

  @Test
  void foldersModelsAreDeployedUnderRelativeNamesWithTheirForms() {
    var deployment = repository.createDeploymentQuery().deploymentName(ProcessFolderDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().asc().list().get(0);

    assertThat(repository.getDeploymentResources(deployment.getId())).extracting(Resource::getName)
        .contains("station-order.bpmn", "decisions/delivery-mode.dmn", "forms/place-order.form", "forms/accept-order.form");
  }

  @Test
  void unchangedModelsAreNotDeployedAgain() {
    long definitionsBefore = repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).count();

    assertThat(deployer.deploy()).isNull();

    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).count())
        .isEqualTo(definitionsBefore);
  }

  @Test
  void twoNodesWithTheSameUnchangedFilesDeployNothingAfterTheFirst(@TempDir Path a, @TempDir Path b) throws IOException {
    var nodeA = node(a, "processes-two-nodes");
    var nodeB = node(b, "processes-two-nodes");
    assertThat(nodeA.deploy()).as("the first node on an empty name").isNotNull();

    assertThat(nodeB.deploy()).isNull();
    assertThat(nodeA.deploy()).isNull();
    assertThat(deployments("processes-two-nodes")).isEqualTo(1);
  }

  @Test
  void savedChangeBecomesExactlyOneNewVersionWhicheverNodeLooksAfterwards(@TempDir Path a, @TempDir Path b)
      throws IOException {
    var nodeA = node(a, "processes-one-change");
    var nodeB = node(b, "processes-one-change");
    nodeA.deploy();
    long versionsBefore = stationOrderVersions();

    edit(a.resolve("station-order.bpmn"), ACCEPT_LABEL, "驿站接单 (Accept the order)");
    DeploymentWithDefinitions changed = nodeA.deploy();

    assertThat(changed.getDeployedProcessDefinitions()).extracting(d -> d.getKey()).containsExactly(OrderProcess.KEY);
    assertThat(nodeA.deploy()).as("the same node again").isNull();
    assertThat(nodeB.deploy()).as("the node whose folder still has the old file").isNull();
    assertThat(stationOrderVersions()).isEqualTo(versionsBefore + 1);
    assertThat(latestStationOrderDeployment()).isEqualTo(changed.getId());
  }

  @Test
  void fileEqualToAnEarlierVersionIsNotDeployedAgainAndIsReported(@TempDir Path a) throws IOException {
    var node = node(a, "processes-back-to-old");
    node.deploy();
    Path model = a.resolve("station-order.bpmn");
    String original = Files.readString(model, StandardCharsets.UTF_8);
    edit(model, ACCEPT_LABEL, "驿站接单 (Accept the order)");
    DeploymentWithDefinitions changed = node.deploy();
    long versionsBefore = stationOrderVersions();

    Files.writeString(model, original, StandardCharsets.UTF_8); // the manager puts the old file back

    assertThat(node.deploy()).isNull();
    assertThat(stationOrderVersions()).isEqualTo(versionsBefore);
    assertThat(latestStationOrderDeployment()).isEqualTo(changed.getId());
    assertThat(status.olderThanDeployed()).anySatisfy(file -> {
      assertThat(file.file()).isEqualTo("station-order.bpmn");
      assertThat(file.reasons()).singleElement().asString().contains("较早", "not deployed again", "change something");
    });
  }

  @Test
  void fileBroughtUpToTheRunningVersionIsNoLongerReportedAsOlder(@TempDir Path a) throws IOException {
    var node = node(a, "processes-up-to-date");
    node.deploy();
    Path model = a.resolve("station-order.bpmn");
    String original = Files.readString(model, StandardCharsets.UTF_8);
    edit(model, ACCEPT_LABEL, "驿站接单 (Accept the order)");
    node.deploy();
    String running = Files.readString(model, StandardCharsets.UTF_8);
    Files.writeString(model, original, StandardCharsets.UTF_8);
    node.deploy();
    assertThat(status.olderThanDeployed()).extracting(ModelStatus.FileStatus::file).contains("station-order.bpmn");

    Files.writeString(model, running, StandardCharsets.UTF_8);

    assertThat(node.deploy()).isNull();
    assertThat(status.olderThanDeployed()).extracting(ModelStatus.FileStatus::file).doesNotContain("station-order.bpmn");
  }

  @Test
  void changeOnANodeThatIsBehindTakesTheNewestDeployedProcessAlongNotItsOldCopy(@TempDir Path a, @TempDir Path b)
      throws IOException {
    var nodeA = node(a, "processes-behind");
    var nodeB = node(b, "processes-behind");
    nodeA.deploy();
    edit(a.resolve("station-order.bpmn"), ACCEPT_LABEL, "驿站接单 (Accept the order)");
    nodeA.deploy();

    edit(b.resolve("forms/accept-order.form"), "\"label\"", "\"label\" ");
    DeploymentWithDefinitions fromB = nodeB.deploy();

    assertThat(fromB).as("a new form is a change").isNotNull();
    String deployedProcess = new String(repository.getResourceAsStream(fromB.getId(), "station-order.bpmn").readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(deployedProcess).contains("驿站接单 (Accept the order)").doesNotContain(ACCEPT_LABEL);
  }

  @Test
  void classpathCopyOlderThanTheDeployedVersionsDeploysNothing(@TempDir Path a, @TempDir Path none) throws IOException {
    var withFolder = wholeFolder(a, "processes-classpath");
    var withoutFolder = new ProcessFolderDeployer(repository, status, clusterLock, order, none.resolve("processes"),
        "processes-classpath");
    withFolder.deploy();
    edit(a.resolve("station-order.bpmn"), ACCEPT_LABEL, "驿站接单 (Accept the order)");
    DeploymentWithDefinitions changed = withFolder.deploy();
    long versionsBefore = stationOrderVersions();

    assertThat(withoutFolder.watchesFolder()).isFalse();
    assertThat(withoutFolder.deploy()).isNull();
    assertThat(stationOrderVersions()).isEqualTo(versionsBefore);
    assertThat(latestStationOrderDeployment()).isEqualTo(changed.getId());
  }

  @Test
  void changedFormIsDeployedWithTheProcessesThatUseItAndNothingElse(@TempDir Path copy) throws IOException {
    var separate = wholeFolder(copy, "processes-copy");
    separate.deploy();
    edit(copy.resolve("forms/hand-over.form"), "签收人 (Received by)", "签收人 (Signed for by)");

    DeploymentWithDefinitions redeployed = separate.deploy();

    var names = repository.getDeploymentResources(redeployed.getId()).stream().map(Resource::getName).toList();
    assertThat(names).contains("forms/hand-over.form", "station-order.bpmn", "forms/accept-order.form",
        "decisions/delivery-mode.dmn").doesNotContain("doorstep-delivery.bpmn", "mediation-escalation.bpmn",
        "forms/doorstep-visit.form");
    assertThat(separate.deploy()).as("and then nothing is left to deploy").isNull();
  }

  @Test
  void changedProcessTakesItsFormsAndDecisionsAlong(@TempDir Path copy) throws IOException {
    var separate = wholeFolder(copy, "processes-copy-2");
    separate.deploy();
    edit(copy.resolve("doorstep-delivery.bpmn"), "记积分 (Credit points)", "记积分 (Credit the points)");

    DeploymentWithDefinitions redeployed = separate.deploy();

    var names = repository.getDeploymentResources(redeployed.getId()).stream().map(Resource::getName).toList();
    assertThat(names).containsExactlyInAnyOrder("doorstep-delivery.bpmn", "forms/doorstep-visit.form",
        "forms/welfare-check.form", "forms/escalate-welfare-check.form", "forms/arrange-help.form",
        "decisions/volunteer-points.dmn", "decisions/welfare-risk.dmn");
  }

  /**
   * A node of a cluster as the deployer sees it: its own copy of the order flow's models (the process, its forms and
   * its decision: a third of processes/, to keep the first deployment quick), the deployments under one name.
   */
  private ProcessFolderDeployer node(Path folder, String deploymentName) throws IOException {
    for (String file : STATION_ORDER_FILES) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.copy(Path.of("processes", file), folder.resolve(file));
    }
    return new ProcessFolderDeployer(repository, status, clusterLock, order, folder, deploymentName);
  }

  private ProcessFolderDeployer wholeFolder(Path folder, String deploymentName) throws IOException {
    TestFolders.copy(Path.of("processes"), folder);
    return new ProcessFolderDeployer(repository, status, clusterLock, order, folder, deploymentName);
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(content).contains(from);
    Files.writeString(file, content.replace(from, to), StandardCharsets.UTF_8);
  }

  private long deployments(String name) {
    return repository.createDeploymentQuery().deploymentName(name).count();
  }

  private long stationOrderVersions() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).count();
  }

  private String latestStationOrderDeployment() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).latestVersion()
        .singleResult().getDeploymentId();
  }
}
