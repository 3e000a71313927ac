package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * Each merchant sees and answers only for its own goods, over the engine's REST API and Tasklist's copy of it, with
 * the demo users' real credentials; the answers are recorded with who gave them.
 */
@StationTest
class MerchantOwnGoodsIT {

  private static final String RICE_AND_OIL = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}, {"sku": "OIL-5L", "quantity": 1}],
       "deliveryPreference": "PICKUP"}""";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;

  @Test
  void merchantCannotSeeOrWorkAnotherMerchantsTask() {
    String orderNo = acceptedOrder();
    String wudasTask = taskOfGroup(orderNo, "merchant-wuda-grain");

    JsonNode hetaosList = as("hetao.market").get("/engine-rest/task?processInstanceBusinessKey=" + orderNo).json();
    assertThat(hetaosList.findValuesAsText("taskDefinitionKey")).containsExactly(TASK_CONFIRM_STOCK);
    String hetaosTask = hetaosList.get(0).get("id").asText();
    assertThat(hetaosTask).isNotEqualTo(wudasTask);
    assertThat(as("hetao.market").get("/engine-rest/task/" + hetaosTask + "/identity-links").json()
        .findValuesAsText("groupId")).containsExactly("merchant-hetao-market");
    assertThat(groupFilterList("hetao.market")).contains(hetaosTask).doesNotContain(wudasTask);

    assertThat(as("hetao.market").get("/engine-rest/task/" + wudasTask).status()).isIn(403, 404);
    assertThat(as("hetao.market").get("/engine-rest/task/" + wudasTask + "/form-variables").status()).isIn(403, 404);
    assertThat(as("hetao.market").post("/engine-rest/task/" + wudasTask + "/claim",
        "{\"userId\": \"hetao.market\"}").status()).isIn(403, 404);
    assertThat(as("hetao.market").post("/engine-rest/task/" + wudasTask + "/complete",
        "{\"variables\": {\"stockAvailable\": {\"value\": \"NO\"}}}").status()).isIn(403, 404);
    assertThat(as("hetao.market").post("/engine-rest/task/" + wudasTask + "/submit-form",
        "{\"variables\": {\"stockAvailable\": {\"value\": \"NO\"}}}").status()).isIn(403, 404);
    TasklistSession tasklist = TasklistSession.login(port, "hetao.market", "demo");
    assertThat(tasklist.postToEngine("/task/" + wudasTask + "/claim", "{\"userId\": \"hetao.market\"}").status())
        .isIn(403, 404);

    assertThat(tasks.createTaskQuery().taskId(wudasTask).singleResult().getAssignee()).isNull();
    assertThat(status(orderNo)).isEqualTo("PROCURING");

    // Nor through its own task: what the task and its form can read names Hetao's goods only.
    for (String path : java.util.List.of("/variables", "/form-variables")) {
      Response own = as("hetao.market").get("/engine-rest/task/" + hetaosTask + path);
      assertThat(own.status()).as(own.text()).isEqualTo(200);
      assertThat(own.text()).as(path).contains("Rice").doesNotContain("oil", "Oil", "葵花籽油", "69.9");
      assertThat(tasklist.getFromEngine("/task/" + hetaosTask + path).text()).as("Tasklist " + path)
          .contains("Rice").doesNotContain("oil", "Oil", "葵花籽油", "69.9");
    }
  }

  @Test
  void merchantsTaskCardInTasklistShowsTheOrderItsAreaAndItsOwnGoodsOnly() {
    String orderNo = acceptedOrder();

    TasklistSession tasklist = TasklistSession.login(port, "hetao.market", "demo");
    Response list = tasklist.postToEngine("/filter/" + groupFilter("hetao.market")
        + "/list?firstResult=0&maxResults=500", "{}");
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    Map<String, String> card = null;
    for (JsonNode task : list.json().path("_embedded").path("task")) {
      Map<String, String> shown = new java.util.TreeMap<>();
      task.path("_embedded").path("variable").forEach(variable ->
          shown.put(variable.get("name").asText(), variable.get("value").asText()));
      if (orderNo.equals(shown.get(OrderProcess.ORDER_NO))) {
        card = shown;
      }
    }
    assertThat(card).as("the card of Hetao's task of " + orderNo).isNotNull()
        .containsEntry(OrderProcess.SUPPLY_TEXT, "大米 5公斤 ×1")
        .containsEntry(OrderProcess.HAND_OVER_TEXT, "到站自取 (Collected at the station)")
        .containsKey("residentArea");
    assertThat(card.values()).noneMatch(value -> value.contains("葵花籽油") || value.contains("oil")
        || value.equals("PICKUP"));
  }

  @Test
  void merchantCannotLearnAnotherMerchantsAnswerBySearchingTasksByItsVariables() {
    String orderNo = acceptedOrder();
    work("wuda.grain", orderNo, TASK_CONFIRM_STOCK, """
        {"stockAvailable": {"value": "YES"}, "confirmedGoodsTotal": {"value": 71.5},
         "merchantNote": {"value": "secret supplier"}}""");

    for (String condition : List.of("merchantNote_like_secret%25", "merchantId_eq_wuda-grain",
        "confirmedGoodsTotal_gt_70", "merchantFrozenTotal_gt_1")) {
      Response asked = as("hetao.market").get("/engine-rest/task?processInstanceBusinessKey=" + orderNo
          + "&processVariables=" + condition);
      assertThat(asked.status()).as(condition + ": " + asked.text()).isEqualTo(400);
      assertThat(asked.json().get("message").asText()).contains("orderNo");
    }
    Response posted = as("hetao.market").post("/engine-rest/task", """
        {"processInstanceBusinessKey": "%s", "orQueries": [{"processVariables":
         [{"name": "confirmedGoodsTotal", "operator": "gt", "value": 70}]}]}""".formatted(orderNo));
    assertThat(posted.status()).as(posted.text()).isEqualTo(400);

    Response byOrder = as("hetao.market").get("/engine-rest/task?processVariables=orderNo_eq_" + orderNo);
    assertThat(byOrder.status()).as("the numbers on the task cards may be searched").isEqualTo(200);
    assertThat(byOrder.json().findValuesAsText("taskDefinitionKey")).containsExactly(TASK_CONFIRM_STOCK);
  }

  @Test
  void twoMerchantOrderPlacedOverHttpCompletesWithBothMerchantsAnswering() {
    String orderNo = acceptedOrder();

    work("wuda.grain", orderNo, TASK_CONFIRM_STOCK,
        "{\"stockAvailable\": {\"value\": \"YES\"}, \"confirmedGoodsTotal\": {\"value\": 69.9}}");
    work("hetao.market", orderNo, TASK_CONFIRM_STOCK,
        "{\"stockAvailable\": {\"value\": \"YES\"}, \"confirmedGoodsTotal\": {\"value\": 32.5}, "
            + "\"merchantNote\": {\"value\": \"Fresh bags\"}}");
    work("hetao.market", orderNo, TASK_DELIVER_TO_STATION, "{\"deliveredToStation\": {\"value\": true}}");
    work("wuda.grain", orderNo, TASK_DELIVER_TO_STATION, "{\"deliveredToStation\": {\"value\": true}}");
    for (int check = 0; check < 2; check++) {
      work("li.qiang", orderNo, TASK_CHECK_GOODS, "{\"goodsCheck\": {\"value\": \"PASSED\"}}");
    }
    work("wang.fang", orderNo, TASK_HAND_OVER_AT_STATION,
        "{\"receivedBy\": {\"value\": \"Liu\"}, \"satisfaction\": {\"value\": \"5\"}}");

    assertThat(status(orderNo)).isEqualTo("COMPLETED");
    List<Map<String, Object>> answers = jdbc.sql("""
            select merchant_id, in_stock, confirmed_amount, note, answered_by, delivered_by
            from station_order_merchant where order_no = ? order by merchant_id""")
        .param(orderNo).query().listOfRows();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).containsEntry("MERCHANT_ID", "hetao-market").containsEntry("ANSWERED_BY", "hetao.market")
        .containsEntry("DELIVERED_BY", "hetao.market").containsEntry("NOTE", "Fresh bags")
        .containsEntry("IN_STOCK", true);
    assertThat(answers.get(1)).containsEntry("MERCHANT_ID", "wuda-grain").containsEntry("ANSWERED_BY", "wuda.grain")
        .containsEntry("DELIVERED_BY", "wuda.grain");

    JsonNode staffView = as("chen.jing").get("/api/orders/" + orderNo).json();
    assertThat(staffView.get("merchants").findValuesAsText("merchant"))
        .containsExactlyInAnyOrder("河套超市 (Hetao Market)", "乌达粮油店 (Wuda Grain & Oil)");
    assertThat(staffView.get("merchants").findValuesAsText("answeredBy"))
        .containsExactlyInAnyOrder("hetao.market", "wuda.grain");
    Response publicView = StationHttp.anonymous(port).get("/api/public/orders/" + staffView.get("publicCode").asText());
    assertThat(publicView.json().get("progress").findValuesAsText("label"))
        .contains("河套超市 (Hetao Market): 货已到驿站 (Goods arrived at the station)",
            "乌达粮油店 (Wuda Grain & Oil): 货已到驿站 (Goods arrived at the station)");
    assertThat(publicView.text()).doesNotContain("hetao.market", "wuda.grain", "Fresh bags");
  }

  private String acceptedOrder() {
    Response placed = as("wang.fang").post("/api/orders", RICE_AND_OIL);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String orderNo = placed.json().get("orderNo").asText();
    work("wang.fang", orderNo, TASK_ACCEPT_ORDER, "{\"acceptDecision\": {\"value\": \"ACCEPT\"}}");
    return orderNo;
  }

  /** Claims and completes the user's one open task of that kind in the order, through /engine-rest. */
  private void work(String user, String orderNo, String taskKey, String variables) {
    List<String> open = as(user).get("/engine-rest/task?processInstanceBusinessKey=" + orderNo
        + "&taskDefinitionKey=" + taskKey + "&unassigned=true").json().findValuesAsText("id");
    assertThat(open).as(user + " sees " + taskKey).isNotEmpty();
    String taskId = open.get(0);
    assertThat(as(user).post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}").status())
        .isEqualTo(204);
    Response completed = as(user).post("/engine-rest/task/" + taskId + "/complete", "{\"variables\": " + variables + "}");
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
  }

  private String taskOfGroup(String orderNo, String group) {
    return tasks.createTaskQuery().processInstanceBusinessKey(orderNo).taskCandidateGroup(group).singleResult().getId();
  }

  private List<String> groupFilterList(String user) {
    return as(user).post("/engine-rest/filter/" + groupFilter(user) + "/list?maxResults=500", "{}").json()
        .findValuesAsText("id");
  }

  private String groupFilter(String user) {
    String groupFilter = null;
    for (JsonNode filter : as(user).get("/engine-rest/filter?resourceType=Task").json()) {
      if (filter.get("name").asText().startsWith("本组待办")) {
        groupFilter = filter.get("id").asText();
      }
    }
    assertThat(groupFilter).as("the seeded group filter").isNotNull();
    return groupFilter;
  }

  private String status(String orderNo) {
    return as("chen.jing").get("/api/orders/" + orderNo).json().get("status").asText();
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
