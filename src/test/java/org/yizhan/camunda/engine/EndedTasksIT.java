package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * The loser of a race on a task learns that it lost (409), on {@code /engine-rest} and Tasklist's copy alike: the task
 * was completed by a colleague a moment earlier, or ended with its order. A task that never existed stays a 400.
 */
@StationTest
class EndedTasksIT {

  private static final String ACCEPT = "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}";

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @Test
  void workingATaskAColleagueCompletedIsAConflictOnEitherApi() {
    String orderNo = place();
    String taskId = acceptTask(orderNo);
    Response first = as("li.qiang").post("/engine-rest/task/" + taskId + "/complete", ACCEPT);
    assertThat(first.status()).as(first.text()).isEqualTo(204);

    for (Response late : lateRequests("wang.fang", taskId)) {
      assertThat(late.status()).as(late.text()).isEqualTo(409);
      assertThat(late.json().get("message").asText()).startsWith("任务已被完成 (This task has already been completed");
    }
    assertThat(as("chen.jing").get("/api/orders/" + orderNo).json().get("status").asText()).isEqualTo("PROCURING");
  }

  @Test
  void workingATaskWhoseOrderWasCancelledIsAConflictAndSoIsCancellingAgain() {
    String orderNo = place();
    String taskId = acceptTask(orderNo);
    Response cancelled =
        as("li.qiang").post("/api/orders/" + orderNo + "/cancel", "{\"reason\": \"Son brought rice\"}");
    assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);

    for (Response late : lateRequests("wang.fang", taskId)) {
      assertThat(late.status()).as(late.text()).isEqualTo(409);
      assertThat(late.json().get("message").asText()).startsWith("任务已经结束 (This task has already ended");
    }
    Response again = as("wang.fang").post("/api/orders/" + orderNo + "/cancel", "{\"reason\": \"Twice\"}");
    assertThat(again.status()).as(again.text()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).contains("already CANCELLED");
  }

  @Test
  void taskThatNeverExistedIsStillABadRequest() {
    for (Response missing : lateRequests("wang.fang", "no-such-task-" + System.nanoTime())) {
      assertThat(missing.status()).as(missing.text()).isEqualTo(400);
    }
  }

  /** Complete, submit the form, claim, unclaim and hand on, through /engine-rest and through Tasklist's copy. */
  private List<Response> lateRequests(String user, String taskId) {
    StationHttp rest = as(user);
    TasklistSession tasklist = TasklistSession.login(port, user, "demo");
    String task = "/task/" + taskId;
    return List.of(
        rest.post("/engine-rest" + task + "/complete", ACCEPT),
        rest.post("/engine-rest" + task + "/submit-form", ACCEPT),
        rest.post("/engine-rest" + task + "/claim", "{\"userId\": \"" + user + "\"}"),
        rest.post("/engine-rest" + task + "/unclaim", "{}"),
        rest.post("/engine-rest" + task + "/assignee", "{\"userId\": \"li.qiang\"}"),
        tasklist.postToEngine(task + "/submit-form", ACCEPT),
        tasklist.postToEngine(task + "/claim", "{\"userId\": \"" + user + "\"}"),
        tasklist.postToEngine(task + "/unclaim", "{}"));
  }

  private String place() {
    Response placed = as("wang.fang").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""");
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderNo").asText();
  }

  private String acceptTask(String orderNo) {
    return tasks.createTaskQuery().processInstanceBusinessKey(orderNo).taskDefinitionKey(TASK_ACCEPT_ORDER)
        .singleResult().getId();
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
