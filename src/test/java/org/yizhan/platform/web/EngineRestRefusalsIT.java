package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/** A request naming a task or an execution that does not exist is the client's mistake: 400 with the engine's words. */
@StationTest
class EngineRestRefusalsIT {

  @LocalServerPort int port;

  /** Volunteers claim and complete tasks; delegating, resolving and reading instances is left to administrators. */
  @ParameterizedTest(name = "{1} {2} as {0}")
  @CsvSource(delimiter = '|', textBlock = """
      wang.fang | POST | /task/no-such-task/claim              | {"userId": "wang.fang"}
      wang.fang | POST | /task/no-such-task/complete           | {"variables": {}}
      wang.fang | POST | /task/no-such-task/submit-form        | {"variables": {}}
      admin     | POST | /task/no-such-task/resolve            | {"variables": {}}
      admin     | POST | /task/no-such-task/delegate           | {"userId": "li.qiang"}
      wang.fang | GET  | /task/no-such-task/variables          |
      admin     | GET  | /process-instance/no-such-instance/variables |
      """)
  void unknownTaskOrInstanceIsABadRequestNotAServerError(String user, String method, String path, String body) {
    StationHttp caller = StationHttp.as(port, user, "admin".equals(user) ? "admin" : "demo");

    Response answer = "GET".equals(method) ? caller.get("/engine-rest" + path)
        : caller.post("/engine-rest" + path, body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).containsAnyOf("Cannot find task", "doesn't exist");
  }

  @ParameterizedTest(name = "Tasklist {0}")
  @CsvSource(delimiter = '|', textBlock = """
      /task/no-such-task/claim       | {"userId": "wang.fang"}
      /task/no-such-task/submit-form | {"variables": {}}
      """)
  void tasklistGetsTheSameAnswer(String path, String body) {
    Response answer = TasklistSession.login(port, "wang.fang", "demo").postToEngine(path, body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("Cannot find task");
  }

  /**
   * An administrator may start doorstep-delivery with values over the engine's API; "Prepare delivery" refuses what it
   * would refuse from {@code POST /api/deliveries}, with the same words, and nothing is started or written.
   */
  @ParameterizedTest(name = "admin starts a delivery with {0}")
  @CsvSource(delimiter = '|', textBlock = """
      an unknown resident | {"variables": {"residentId": {"value": "R-9999"}, "kind": {"value": "MEAL"}}}                    | There is no resident R-9999
      no kind             | {"variables": {"residentId": {"value": "R-0001"}}}                                               | Say what is delivered
      an unknown kind     | {"variables": {"residentId": {"value": "R-0001"}, "kind": {"value": "PIZZA"}}}                  | What is delivered must be one of
      a number as kind    | {"variables": {"residentId": {"value": "R-0001"}, "kind": {"value": 7, "type": "Integer"}}}     | What is delivered must be one of
      a business key      | {"businessKey": "SD-000000-0001", "variables": {"residentId": {"value": "R-0001"}, "kind": {"value": "MEAL"}}} | delivery number is given
      """)
  void deliveryStartTheStationRefusesIsABadRequestThatStartsNothing(String what, String body, String message) {
    StationHttp admin = StationHttp.as(port, "admin", "admin");
    long instances = admin.get("/engine-rest/process-instance/count?processDefinitionKey=doorstep-delivery").json()
        .get("count").asLong();

    Response answer = admin.post("/engine-rest/process-definition/key/doorstep-delivery/start", body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains(message).matches("^\\P{ASCII}.*");
    assertThat(admin.get("/engine-rest/process-instance/count?processDefinitionKey=doorstep-delivery").json()
        .get("count").asLong()).isEqualTo(instances);
  }

  @Test
  void workingAnotherGroupsTaskStaysForbiddenOnBothApis() {
    String taskId = acceptTaskOfANewOrder();

    Response overRest = StationHttp.as(port, "hetao.market", "demo")
        .post("/engine-rest/task/" + taskId + "/complete", "{\"variables\": {}}");
    Response inTasklist = TasklistSession.login(port, "hetao.market", "demo")
        .postToEngine("/task/" + taskId + "/claim", "{\"userId\": \"hetao.market\"}");

    assertThat(overRest.status()).as(overRest.text()).isEqualTo(403);
    assertThat(inTasklist.status()).as(inTasklist.text()).isEqualTo(403);
  }

  @Test
  void volunteerWhoClaimsATaskAColleagueClaimedFirstGetsAConflictOnBothApis() {
    String taskId = acceptTaskOfANewOrder();
    Response first = StationHttp.as(port, "wang.fang", "demo")
        .post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"wang.fang\"}");
    assertThat(first.status()).as(first.text()).isEqualTo(204);

    Response overRest = StationHttp.as(port, "li.qiang", "demo")
        .post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"li.qiang\"}");
    Response inTasklist = TasklistSession.login(port, "li.qiang", "demo")
        .postToEngine("/task/" + taskId + "/claim", "{\"userId\": \"li.qiang\"}");

    for (Response lost : java.util.List.of(overRest, inTasklist)) {
      assertThat(lost.status()).as(lost.text()).isEqualTo(409);
      assertThat(lost.json().get("type").asText()).isEqualTo("TaskAlreadyClaimedException");
      assertThat(lost.json().get("message").asText()).startsWith("任务已被别人认领 (Somebody else claimed this task first");
    }
    assertThat(StationHttp.as(port, "li.qiang", "demo").get("/engine-rest/task/" + taskId).json().get("assignee")
        .asText()).isEqualTo("wang.fang");
  }

  /** A volunteer places an order; its "Accept order" task, as a colleague finds it over the engine API. */
  private String acceptTaskOfANewOrder() {
    String orderNo = StationHttp.as(port, "wang.fang", "demo").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""").json().get("orderNo").asText();
    return StationHttp.as(port, "li.qiang", "demo")
        .get("/engine-rest/task?processInstanceBusinessKey=" + orderNo + "&taskDefinitionKey=" + TASK_ACCEPT_ORDER)
        .json().get(0).get("id").asText();
  }
}
