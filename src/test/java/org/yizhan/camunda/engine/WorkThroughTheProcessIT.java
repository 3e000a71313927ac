package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.order.OrderProcess;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** What a volunteer or a manager cannot make the engine do around the process, whichever API they use. */
@StationTest
class WorkThroughTheProcessIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;

  @Test
  void volunteerCannotStartAnOrderInTheMiddle() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count();

    Response started = as("wang.fang").post("/engine-rest/process-definition/key/station-order/start", """
        {"startInstructions": [{"type": "startBeforeActivity", "activityId": "%s"}],
         "variables": {"item1Quantity": {"value": 999, "type": "Long"}}}""".formatted(TASK_CHECK_GOODS));

    assertThat(started.status()).as(started.text()).isEqualTo(403);
    assertThat(started.json().get("message").asText()).contains("administrator's work");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count()).isEqualTo(before);
  }

  @Test
  void tasksAreNeitherDelegatedNorResolvedPastTheirForm() {
    String taskId = acceptTaskOfANewOrder();
    assertThat(as("wang.fang").post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"wang.fang\"}").status())
        .isEqualTo(204);

    Response delegated = as("wang.fang").post("/engine-rest/task/" + taskId + "/delegate", "{\"userId\": \"li.qiang\"}");
    assertThat(delegated.status()).as(delegated.text()).isIn(403);

    // Made pending by other means (an administrator, an older version), the task still cannot be resolved by a form.
    tasks.delegateTask(taskId, "wang.fang");
    Response resolved = as("wang.fang").post("/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"acceptDecision": {"value": "MAYBE"}}}""");
    assertThat(resolved.status()).as(resolved.text()).isEqualTo(403);
    assertThat(tasks.getVariables(taskId)).doesNotContainKey("acceptDecision");
  }

  @Test
  void volunteerCannotRewriteATaskOrWhoItIsOfferedTo() {
    String taskId = acceptTaskOfANewOrder();
    var engineApi = org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine();
    engineApi.getIdentityService().setAuthentication("wang.fang", java.util.List.of("station-volunteers"));
    try {
      var task = tasks.createTaskQuery().taskId(taskId).singleResult();
      task.setOwner("chen.jing");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.saveTask(task))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.addCandidateUser(taskId, "hetao.market"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.deleteCandidateGroup(taskId, "station-volunteers"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      engineApi.getIdentityService().clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getOwner()).isNull();
    assertThat(tasks.getIdentityLinksForTask(taskId)).extracting(link -> link.getGroupId())
        .containsExactly("station-volunteers");
    assertThat(as("wang.fang").put("/engine-rest/task/" + taskId, "{\"name\": \"x\", \"owner\": \"chen.jing\"}")
        .status()).isEqualTo(403);
  }

  @Test
  void volunteerCannotSuspendOrSetVariablesOfOrdersButCancelsOneThroughTheStation() {
    String taskId = acceptTaskOfANewOrder();
    String instanceId = tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
    var identity = org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine().getIdentityService();
    identity.setAuthentication("wang.fang", java.util.List.of("station-volunteers"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> runtime.suspendProcessInstanceByProcessDefinitionKey(OrderProcess.KEY))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.setVariable(instanceId, "total", 0))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.setVariable(taskId, "attempt", 99))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.removeVariable(taskId, "acceptTimeout"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).suspended().count())
        .isZero();

    String orderNo = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getBusinessKey();
    Response cancelled = as("wang.fang").post("/api/orders/" + orderNo + "/cancel", "{\"reason\": \"Son brought rice\"}");
    assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "{\"value\": \"rO0ABXQAAXg=\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.lang.String\", "
          + "\"serializationDataFormat\": \"application/x-java-serialized-object\"}}",
      "{\"value\": \"{}\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.util.HashMap\", "
          + "\"serializationDataFormat\": \"application/json\"}}",
      "{\"value\": \"aGVsbG8=\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"a.txt\"}}",
      "{\"value\": \"aGVsbG8=\", \"type\": \"Bytes\"}"})
  void formFieldSentAsAFileOrASerializedObjectIsABadRequest(String value) {
    String taskId = acceptTaskOfANewOrder();

    Response completed = as("wang.fang").post("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {\"acceptDecision\": " + value + "}}");

    assertThat(completed.status()).as(completed.text()).isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
  }

  @Test
  void managerCannotDeployAnEmbeddedFormOrAFileThatIsNoModel() throws Exception {
    String withEmbeddedForm = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Xss" targetNamespace="x">
          <bpmn:process id="embedded-form-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Form" camunda:formKey="embedded:deployment:evil.html" />
          </bpmn:process>
        </bpmn:definitions>""".strip();
    String evil = "<form><script cam-script type=\"text/form-script\">fetch('/x?'+document.cookie)</script></form>";

    var answer = deploy(Map.of("embedded-form-probe.bpmn", withEmbeddedForm, "evil.html", evil));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("embedded HTML forms are not allowed", "evil.html: is not a model or a form");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("embedded-form-probe").count()).isZero();
  }

  private String acceptTaskOfANewOrder() {
    Response placed = as("wang.fang").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""");
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return tasks.createTaskQuery().processInstanceId(placed.json().get("processInstanceId").asText())
        .taskDefinitionKey(TASK_ACCEPT_ORDER).singleResult().getId();
  }

  private HttpResponse<String> deploy(Map<String, String> files) throws Exception {
    String boundary = "----probe" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n")
        .getBytes(StandardCharsets.UTF_8));
    files.forEach((name, content) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n")
        .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("chen.jing:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
