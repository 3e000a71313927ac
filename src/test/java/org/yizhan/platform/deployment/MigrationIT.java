package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** Moving running instances to a new version: dry run, real batch, and instances that cannot move. */
@StationTest
class MigrationIT {

  private static final String KEY = "migrate-tiny";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void managerChecksThenMovesRunningInstancesAndSeesWhatCannotMove() {
    deploy(new String(TinyModels.process(KEY), StandardCharsets.UTF_8));
    ProcessInstance first = runtime.startProcessInstanceByKey(KEY, "case-1");
    ProcessInstance second = runtime.startProcessInstanceByKey(KEY, "case-2");
    deploy(new String(TinyModels.process(KEY), StandardCharsets.UTF_8).replace("Work (工作)", "Do the work (工作)"));
    StationHttp manager = StationHttp.as(port, "chen.jing", "demo");

    Response dryRun = manager.post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": 1, \"dryRun\": true}");
    assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
    assertThat(dryRun.json().get("toVersion").asInt()).isEqualTo(2);
    assertThat(dryRun.json().get("instances").findValuesAsText("migratable")).containsExactly("true", "true");
    assertThat(dryRun.json().has("batchId")).isFalse();
    assertThat(definitionVersionOf(first)).as("a dry run moves nothing").isEqualTo(1);

    Response moved = manager.post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": 1, \"dryRun\": false}");
    assertThat(moved.json().get("batchId").asText()).isNotBlank();
    runBatch(moved.json().get("batchId").asText());
    assertThat(definitionVersionOf(first)).isEqualTo(2);
    assertThat(definitionVersionOf(second)).isEqualTo(2);

    deploy(new String(TinyModels.process(KEY), StandardCharsets.UTF_8).replace("Task_Work", "Task_Other"));
    Response blocked = manager.post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": 2}");
    assertThat(blocked.json().get("dryRun").asBoolean()).isTrue();
    assertThat(blocked.json().get("instances").findValuesAsText("migratable")).containsOnly("false");
    assertThat(blocked.json().get("instances").get(0).get("reasons").toString()).contains("Task_Work");

    for (String version : java.util.List.of("0", "-1")) {
      Response none = manager.post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": " + version + "}");
      assertThat(none.status()).as(none.text()).isEqualTo(400);
      assertThat(none.json().get("field").asText()).isEqualTo("fromVersion");
    }
    assertThat(StationHttp.as(port, "wang.fang", "demo").post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": 1}")
        .status()).isEqualTo(403);
    assertThat(manager.post("/api/models/no-such-process/migrate", "{\"fromVersion\": 1}").status()).isEqualTo(404);
    assertThat(manager.post("/api/models/" + KEY + "/migrate", "{}").json().get("field").asText()).isEqualTo("fromVersion");
    assertThat(manager.post("/api/models/" + KEY + "/migrate", "{\"fromVersion\": 99}").status()).isEqualTo(400);
  }

  private void deploy(String bpmn) {
    repository.createDeployment().name("migration-test")
        .addInputStream("migrate-tiny.bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)))
        .addInputStream("tiny.form", new ByteArrayInputStream(TinyModels.form()))
        .deploy();
  }

  private int definitionVersionOf(ProcessInstance instance) {
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
    return repository.getProcessDefinition(definitionId).getVersion();
  }

  /** The job executor is off in tests: run the batch's seed job and then its migration jobs. */
  private void runBatch(String batchId) {
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list()
        .forEach(job -> management.executeJob(job.getId()));
    management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()
        .forEach(job -> management.executeJob(job.getId()));
  }
}
