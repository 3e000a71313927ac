package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * Whoever holds a task may give it back or hand it to a colleague it is offered to, and keeps nothing of it
 * afterwards; nobody claims a task for somebody else or takes it from its holder by claiming it for nobody.
 */
@StationTest
class HandingTasksOnIT {

  private static final String RICE = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""";

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;

  @Test
  void whoHandedATaskOnCanNeitherSeeNorCompleteNorTakeItAgain() {
    String task = acceptTaskOfNewOrder();
    assertThat(as("li.qiang").post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"li.qiang\"}").status())
        .isEqualTo(204);
    assertThat(as("li.qiang").post("/engine-rest/task/" + task + "/assignee", "{\"userId\": \"wang.fang\"}").status())
        .isEqualTo(204);

    // li.qiang is still a volunteer, so the task stays visible to the group; what goes is the assignee's own grant.
    Response complete = as("li.qiang").post("/engine-rest/task/" + task + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}");
    assertThat(complete.status()).as(complete.text()).isEqualTo(403);
    Response handBack = as("li.qiang").post("/engine-rest/task/" + task + "/assignee", "{\"userId\": \"li.qiang\"}");
    assertThat(handBack.status()).as(handBack.text()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("wang.fang");
    assertThat(authorizations.createAuthorizationQuery().userIdIn("li.qiang").resourceType(Resources.TASK)
        .resourceId(task).count()).as("the grant li.qiang got with the task went with it").isZero();
    assertThat(authorizations.isUserAuthorized("wang.fang", List.of(), TaskPermissions.TASK_ASSIGN, Resources.TASK,
        task)).as("the new holder may hand it on").isTrue();
  }

  @Test
  void nobodyClaimsATaskForSomebodyElseOrForNobody() {
    String task = acceptTaskOfNewOrder();
    Response forAMerchant = as("wang.fang").post("/engine-rest/task/" + task + "/claim",
        "{\"userId\": \"hetao.market\"}");
    assertThat(forAMerchant.status()).as(forAMerchant.text()).isEqualTo(403);
    assertThat(forAMerchant.json().get("message").asText()).contains("只能为自己认领任务");

    assertThat(as("li.qiang").post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"li.qiang\"}").status())
        .isEqualTo(204);
    Response forNobody = as("wang.fang").post("/engine-rest/task/" + task + "/claim", "{\"userId\": null}");
    assertThat(forNobody.status()).as(forNobody.text()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("li.qiang");
    assertThat(as("hetao.market").get("/engine-rest/task/" + task).status()).isIn(403, 404);
  }

  private String acceptTaskOfNewOrder() {
    Response placed = as("wang.fang").post("/api/orders", RICE);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return tasks.createTaskQuery().processInstanceBusinessKey(placed.json().get("orderNo").asText())
        .taskDefinitionKey(TASK_ACCEPT_ORDER).singleResult().getId();
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
