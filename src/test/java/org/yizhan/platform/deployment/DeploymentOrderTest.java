package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.platform.cluster.ClusterLock;

/**
 * Which deployment is the latest is decided by the database's order of the deployments, not by the clocks of the nodes
 * that made them. A node whose clock is behind is played by Camunda's clock (test only): the deployment it makes gets a
 * DEPLOY_TIME_ earlier than deployments made before it.
 */
@StationTest
class DeploymentOrderTest {

  private static final String MODEL = "station-order.bpmn";
  private static final String ACCEPT_LABEL = "驿站接单 (Accept order)";
  private static final String EDITED_LABEL = "驿站接单 (Accept the order)";
  private static final List<String> STATION_ORDER_FILES = List.of(MODEL, "decisions/delivery-mode.dmn",
      "forms/accept-order.form", "forms/agree-new-price.form", "forms/chase-unaccepted-order.form",
      "forms/check-goods.form", "forms/confirm-stock.form", "forms/deliver-to-station.form", "forms/hand-over.form",
      "forms/place-order.form", "forms/remind-pickup.form", "forms/schedule-service.form");

  @Autowired RepositoryService repository;
  @Autowired ModelStatus status;
  @Autowired ClusterLock clusterLock;
  @Autowired DeploymentOrder order;
  @Autowired JdbcClient jdbc;

  @Test
  void editDeployedByANodeWhoseClockIsBehindIsLatestAndTheContentBeforeItIsOlder(@TempDir Path a, @TempDir Path b)
      throws IOException {
    String name = "processes-clock-behind";
    var nodeA = node(a, name);
    var nodeB = node(b, name);
    String first = nodeA.deploy().getId();
    byte[] original = Files.readAllBytes(a.resolve(MODEL));
    edit(a.resolve(MODEL), ACCEPT_LABEL, EDITED_LABEL);
    byte[] edited = Files.readAllBytes(a.resolve(MODEL));

    String second = anHourAgo(() -> nodeA.deploy().getId());

    assertThat(deployedAt(second)).as("the edit's deployment time is before the first deployment's")
        .isBefore(deployedAt(first));
    DeployedModels.History history = new DeployedModels(repository, order, name).read();
    assertThat(history.judge(MODEL, edited)).isEqualTo(DeployedModels.Verdict.LATEST);
    assertThat(history.judge(MODEL, original)).isEqualTo(DeployedModels.Verdict.OLDER);
    assertThat(history.latest(MODEL)).get().extracting(DeployedModels.Carried::deploymentId).isEqualTo(second);

    assertThat(nodeB.deploy()).as("B's copy is the first content: not deployed again").isNull();
    assertThat(statusOf(MODEL).result()).isEqualTo(ModelStatus.Result.OLDER_THAN_DEPLOYED);
    assertThat(nodeA.deploy()).as("A's copy is the running content").isNull();
    assertThat(statusOf(MODEL).result()).as("no longer reported as older").isEqualTo(ModelStatus.Result.UNCHANGED);
    assertThat(deployments(name)).isEqualTo(2);
  }

  @Test
  void redeployMadeThroughTheEngineApiInsteadOfTheFolderIsOrderedByTheDatabaseToo(@TempDir Path a) throws IOException {
    String name = "processes-redeployed";
    var node = node(a, name);
    String first = node.deploy().getId();
    byte[] original = Files.readAllBytes(a.resolve(MODEL));
    edit(a.resolve(MODEL), ACCEPT_LABEL, EDITED_LABEL);
    byte[] edited = Files.readAllBytes(a.resolve(MODEL));
    node.deploy();

    // What Cockpit's and the REST API's redeploy do: the first deployment's files again, under its name.
    String again = anHourAgo(() -> repository.createDeployment().nameFromDeployment(first)
        .addDeploymentResources(first).deploy().getId());

    DeployedModels.History history = new DeployedModels(repository, order, name).read();
    assertThat(history.latest(MODEL)).get().extracting(DeployedModels.Carried::deploymentId).isEqualTo(again);
    assertThat(history.judge(MODEL, original)).isEqualTo(DeployedModels.Verdict.LATEST);
    assertThat(history.judge(MODEL, edited)).isEqualTo(DeployedModels.Verdict.OLDER);
  }

  @Test
  void deploymentsMadeBeforeTheOrderWasRecordedComeFirstInTheOrderOfTheirTimes(@TempDir Path a) throws IOException {
    String name = "processes-before-v10";
    var node = node(a, name);
    String first = node.deploy().getId();
    edit(a.resolve(MODEL), ACCEPT_LABEL, EDITED_LABEL);
    String second = withClockOff(Duration.ofMinutes(1), () -> node.deploy().getId()); // surely a later time
    byte[] secondContent = Files.readAllBytes(a.resolve(MODEL));
    forgetPositions(first, second); // as if both were made by a release without the deployment_order table
    assertThat(new DeployedModels(repository, order, name).read().latest(MODEL)).get()
        .extracting(DeployedModels.Carried::deploymentId).as("the later of the two by time").isEqualTo(second);
    edit(a.resolve(MODEL), EDITED_LABEL, "驿站接单 (Accept this order)");
    byte[] thirdContent = Files.readAllBytes(a.resolve(MODEL));

    String third = anHourAgo(() -> node.deploy().getId());

    DeployedModels.History history = new DeployedModels(repository, order, name).read();
    assertThat(history.latest(MODEL)).get().extracting(DeployedModels.Carried::deploymentId).isEqualTo(third);
    assertThat(history.judge(MODEL, thirdContent)).isEqualTo(DeployedModels.Verdict.LATEST);
    assertThat(history.judge(MODEL, secondContent)).isEqualTo(DeployedModels.Verdict.OLDER);
  }

  /** Runs the work on a node whose clock is an hour behind. */
  private static <T> T anHourAgo(Supplier<T> work) {
    return withClockOff(Duration.ofHours(-1), work);
  }

  private static <T> T withClockOff(Duration offset, Supplier<T> work) {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(offset)));
    try {
      return work.get();
    } finally {
      ClockUtil.reset();
    }
  }

  private ProcessFolderDeployer node(Path folder, String deploymentName) throws IOException {
    for (String file : STATION_ORDER_FILES) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.copy(Path.of("processes", file), folder.resolve(file));
    }
    return new ProcessFolderDeployer(repository, status, clusterLock, order, folder, deploymentName);
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(content).contains(from);
    Files.writeString(file, content.replace(from, to), StandardCharsets.UTF_8);
  }

  private Date deployedAt(String deploymentId) {
    Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    return deployment.getDeploymentTime();
  }

  private ModelStatus.FileStatus statusOf(String file) {
    return status.all().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
  }

  private long deployments(String name) {
    return repository.createDeploymentQuery().deploymentName(name).count();
  }

  private void forgetPositions(String... deploymentIds) {
    for (String id : deploymentIds) {
      assertThat(jdbc.sql("delete from deployment_order where deployment_id = ?").param(id).update()).isEqualTo(1);
    }
  }
}
