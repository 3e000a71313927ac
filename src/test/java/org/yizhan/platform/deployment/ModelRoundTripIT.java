package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.order.OrderProcess;
import org.yizhan.platform.cluster.ClusterLock;
import org.yizhan.support.TestFolders;
import org.yizhan.support.StationHttp;

/** A manager's round trip: edit processes/ (picked up without a restart), or press Modeler's Deploy button. */
@StationTest
class ModelRoundTripIT {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired ModelStatus status;
  @Autowired ClusterLock clusterLock;
  @Autowired DeploymentOrder order;

  @Test
  void savedChangeIsDeployedAsANewVersionAndABrokenOneIsRefusedWhileTheOldVersionRuns(@TempDir Path folder)
      throws IOException {
    TestFolders.copy(Path.of("processes"), folder);
    var deployer = new ProcessFolderDeployer(repository, status, clusterLock, order, folder, "processes-watched");
    deployer.deploy();
    var watch = new ProcessFolderWatch(deployer, 0);
    watch.start();
    String key = OrderProcess.KEY;
    int before = latestVersion(key);
    assertThat(watch.check()).as("nothing saved yet").isFalse();

    edit(folder.resolve("station-order.bpmn"), "驿站接单 (Accept order)", "驿站接单 (Accept the order)");
    assertThat(watch.check()).isTrue();
    assertThat(latestVersion(key)).isEqualTo(before + 1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        .getDeploymentId()).isEqualTo(repository.createDeploymentQuery().deploymentName("processes-watched")
        .orderByDeploymentTime().desc().list().get(0).getId());

    edit(folder.resolve("station-order.bpmn"), "${acceptTimeout}</bpmn:timeDuration>", "two hours</bpmn:timeDuration>");
    assertThat(watch.check()).isTrue();
    assertThat(latestVersion(key)).as("the running version stays").isEqualTo(before + 1);
    assertThat(status.refused()).anySatisfy(file -> {
      assertThat(file.file()).isEqualTo("station-order.bpmn");
      assertThat(file.reasons()).anyMatch(reason -> reason.contains("two hours"));
    });

    var shown = StationHttp.as(port, "chen.jing", "demo").get("/api/models/status");
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.text()).contains("REFUSED", "two hours");
    assertThat(StationHttp.as(port, "wang.fang", "demo").get("/api/models/status").status()).isEqualTo(403);
    assertThat(StationHttp.as(port, "admin", "admin").get("/actuator/health").text())
        .contains("refusedModels", "two hours");
    assertThat(StationHttp.anonymous(port).get("/actuator/health").text()).as("only whether the station is up")
        .doesNotContain("refusedModels", "two hours", "db", "diskSpace");

    edit(folder.resolve("station-order.bpmn"), "two hours</bpmn:timeDuration>", "${acceptTimeout}</bpmn:timeDuration>");
    watch.check();
  }

  @Test
  void modelerDeployGoesThroughTheGateForManagersAndIsForbiddenToVolunteers() throws Exception {
    Map<String, byte[]> good = new LinkedHashMap<>();
    good.put("modeler-tiny.bpmn", TinyModels.process("modeler-tiny"));
    good.put("tiny.form", TinyModels.form());

    HttpResponse<String> deployed = modelerDeploy("chen.jing", "demo", good);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modeler-tiny").count()).isEqualTo(1);

    HttpResponse<String> withoutForm = modelerDeploy("chen.jing", "demo",
        Map.of("modeler-tiny.bpmn", TinyModels.process("modeler-tiny", "camunda:candidateGroups=\"station-volunteers\"", "", true)));
    assertThat(withoutForm.statusCode()).isEqualTo(400);
    assertThat(withoutForm.body()).contains("has no form", "nothing was deployed");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modeler-tiny").count()).isEqualTo(1);

    assertThat(modelerDeploy("wang.fang", "demo", good).statusCode()).as("volunteer").isEqualTo(403);
    assertThat(modelerDeploy(null, null, good).statusCode()).as("nobody").isEqualTo(401);
  }

  /** What Camunda Modeler sends when a manager presses Deploy with "Include additional files". */
  private HttpResponse<String> modelerDeploy(String user, String password, Map<String, byte[]> files) throws Exception {
    String boundary = "----modeler" + System.nanoTime();
    var body = new java.io.ByteArrayOutputStream();
    Map<String, String> fields = Map.of("deployment-name", files.keySet().iterator().next(),
        "deployment-source", "Camunda Modeler", "enable-duplicate-filtering", "true");
    for (var field : fields.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (var file : files.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
          + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int latestVersion(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getVersion();
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
    // Editors and file systems may keep the same modification time within a second; the size changes anyway.
    file.toFile().setLastModified(System.currentTimeMillis() + 1000);
  }
}
