package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;
import static org.yizhan.order.OrderProcess.TASK_SCHEDULE_SERVICE;

import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** The order API and the engine's task API over HTTP, with the demo users' real credentials. */
@StationTest
class OrderApiIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }

  @Test
  void orderPlacedOverHttpIsWorkedToCompletedByTheRightUsersAndItsPublicViewHoldsNoPersonalData() {
    Response placed = as("wang.fang").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}, {"sku": "SVC-PARCEL", "quantity": 2}],
         "deliveryPreference": "PICKUP", "note": "Ring twice"}""");

    assertThat(placed.status()).isEqualTo(201);
    String orderNo = placed.json().get("orderNo").asText();
    assertThat(orderNo).matches("YZ-\\d{6}-\\d{4,}");
    assertThat(placed.json().get("total").decimalValue()).isEqualByComparingTo("32.50");
    assertThat(placed.json().get("deliveryMode").asText()).isEqualTo("PICKUP");
    assertThat(placed.json().get("processInstanceId").asText()).isNotBlank();

    work("wang.fang", orderNo, TASK_ACCEPT_ORDER, "{\"acceptDecision\": {\"value\": \"ACCEPT\"}}");
    assertThat(openTasks("wang.fang", orderNo, TASK_CONFIRM_STOCK)).as("volunteers do not see merchants' tasks").isEmpty();
    work("hetao.market", orderNo, TASK_CONFIRM_STOCK,
        "{\"stockAvailable\": {\"value\": \"YES\"}, \"confirmedGoodsTotal\": {\"value\": 32.5}}");
    work("hetao.market", orderNo, TASK_DELIVER_TO_STATION, "{\"deliveredToStation\": {\"value\": true}}");
    work("li.qiang", orderNo, TASK_CHECK_GOODS, "{\"goodsCheck\": {\"value\": \"PASSED\"}}");
    work("li.qiang", orderNo, TASK_SCHEDULE_SERVICE,
        "{\"serviceProvider\": {\"value\": \"Courier desk\"}, \"serviceScheduledAt\": {\"value\": \"2026-11-24T09:00\"}}");
    work("wang.fang", orderNo, TASK_HAND_OVER_AT_STATION,
        "{\"receivedBy\": {\"value\": \"Liu\"}, \"satisfaction\": {\"value\": \"5\"}}");

    Response staffView = as("chen.jing").get("/api/orders/" + orderNo);
    assertThat(staffView.status()).isEqualTo(200);
    assertThat(staffView.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(staffView.json().at("/resident/name").asText()).isEqualTo("刘建国 (Liu Jianguo)");
    assertThat(staffView.json().get("satisfaction").asInt()).isEqualTo(5);
    assertThat(staffView.json().at("/resident/phone").asText()).as("a manager sees how to reach the resident")
        .isNotBlank();
    Response desk = as("li.qiang").get("/api/orders/" + orderNo);
    assertThat(desk.status()).isEqualTo(200);
    assertThat(desk.json().at("/resident/name").asText()).isEqualTo("刘建国 (Liu Jianguo)");
    assertThat(desk.json().get("resident").has("phone")).as("a volunteer at the desk does not").isFalse();
    assertThat(desk.json().get("resident").has("address")).isFalse();

    String code = staffView.json().get("publicCode").asText();
    assertThat(code).matches("[2-9A-HJKMNP-Z]{10}");
    assertThat(StationHttp.anonymous(port).get("/api/public/orders/" + orderNo).status())
        .as("the sequential number opens nothing").isEqualTo(404);
    Response publicView = StationHttp.anonymous(port).get("/api/public/orders/" + code);
    assertThat(publicView.status()).isEqualTo(200);
    assertThat(fieldNames(publicView.json()))
        .containsExactlyInAnyOrder("orderNo", "status", "deliveryMode", "items", "total", "progress");
    assertThat(fieldNames(publicView.json().get("items").get(0)))
        .containsExactlyInAnyOrder("name", "brand", "unit", "unitPrice", "quantity");
    assertThat(publicView.json().get("items").get(0).get("brand").asText()).isEqualTo("河套金谷 (Hetao Golden Grain)");
    assertThat(publicView.json().get("items").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("32.50");
    assertThat(publicView.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(publicView.json().get("progress")).allSatisfy(step -> {
      assertThat(step.get("at").asText()).isNotBlank();
      assertThat(step.get("label").asText()).contains("(");
    });
    assertThat(publicView.text()).doesNotContain("Liu Jianguo", "刘建国", "13900000002", "502", "R-0002", "Ring twice",
        "wang.fang", "Liu\"");
  }

  @Test
  void orderPlacedOverHttpShowsUpInTheVolunteersGroupFilter() {
    String orderNo = place("R-0002", "SVC-HAIRCUT", 1).json().get("orderNo").asText();

    Response filters = as("li.qiang").get("/engine-rest/filter?resourceType=Task");
    String groupFilter = null;
    for (JsonNode filter : filters.json()) {
      if (filter.get("name").asText().startsWith("本组待办")) {
        groupFilter = filter.get("id").asText();
      }
    }
    assertThat(groupFilter).as("the seeded group filter").isNotNull();
    Response list = as("li.qiang").post("/engine-rest/filter/" + groupFilter + "/list?maxResults=500", "{}");

    assertThat(list.status()).isEqualTo(200);
    String processInstanceId = as("li.qiang").get("/api/orders/" + orderNo).json().get("processInstanceId").asText();
    assertThat(list.json().findValuesAsText("processInstanceId")).contains(processInstanceId);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown resident            | {"residentId": "R-9999", "items": [{"sku": "RICE-5KG", "quantity": 1}]}                  | 400 | residentId
      missing resident            | {"items": [{"sku": "RICE-5KG", "quantity": 1}]}                                         | 400 | residentId
      unknown item                | {"residentId": "R-0002", "items": [{"sku": "CAVIAR", "quantity": 1}]}                   | 400 | items[0].sku
      inactive item               | {"residentId": "R-0002", "items": [{"sku": "EGGS-30", "quantity": 1}]}                  | 400 | items[0].sku
      zero quantity               | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 0}]}                 | 400 | items[0].quantity
      negative quantity           | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": -3}]}                | 400 | items[0].quantity
      quantity above item limit   | {"residentId": "R-0002", "items": [{"sku": "OIL-5L", "quantity": 3}]}                   | 400 | items[0].quantity
      fractional quantity         | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1.5}]}               | 400 | items[0].quantity
      quantity as words           | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": "two"}]}             | 400 | items[0].quantity
      missing quantity            | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG"}]}                                | 400 | items[0].quantity
      no items                    | {"residentId": "R-0002", "items": []}                                                   | 400 | items
      same item twice             | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}, {"sku": "RICE-5KG", "quantity": 1}]} | 400 | items[1].sku
      unknown preference          | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}], "deliveryPreference": "DRONE"} | 400 | deliveryPreference
      misspelt field              | {"residentId": "R-0002", "itemz": [{"sku": "RICE-5KG", "quantity": 1}]}                 | 400 | itemz
      note too long               | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}], "note": "%LONG%"} | 400 | note
      malformed json              | {"residentId": "R-0002", "items": [                                                     | 400 |
      not an object               | ["R-0002"]                                                                              | 400 |
      null body                   | null                                                                                    | 400 |
      preference as a number      | {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}], "deliveryPreference": 1} | 400 | deliveryPreference
      resident named twice        | {"residentId": null, "residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]} | 400 |
      """)
  void badOrderIsRefusedWithAnActionableMessageAndWritesNothing(String description, String body, int status,
      String field) {
    long ordersBefore = count("station_order");
    long itemsBefore = count("station_order_item");
    long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count();

    Response refused = as("wang.fang").post("/api/orders", body.replace("%LONG%", "x".repeat(501)));

    assertThat(refused.status()).as(description).isEqualTo(status);
    assertThat(refused.json().get("error").asText()).as(description).isNotBlank();
    if (field != null) {
      assertThat(refused.json().get("field").asText()).as(description).isEqualTo(field);
    }
    assertThat(count("station_order")).isEqualTo(ordersBefore);
    assertThat(count("station_order_item")).isEqualTo(itemsBefore);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void taskCompletionThatBreaksItsFormIsRefusedWith400AndTheTaskStaysOpen() {
    String orderNo = place("R-0002", "RICE-5KG", 1).json().get("orderNo").asText();
    String acceptTask = openTasks("wang.fang", orderNo, TASK_ACCEPT_ORDER).get(0);

    Response noDecision = as("wang.fang").post("/engine-rest/task/" + acceptTask + "/complete", "{\"variables\": {}}");
    assertThat(noDecision.status()).isEqualTo(400);
    assertThat(noDecision.json().get("message").asText()).isEqualTo("是否接单 (Decision) 必填 (is required)");

    Response unknownReason = as("wang.fang").post("/engine-rest/task/" + acceptTask + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"DECLINE\"}, \"declineReason\": {\"value\": \"BORED\"}}}");
    assertThat(unknownReason.status()).isEqualTo(400);
    assertThat(unknownReason.json().get("message").asText()).contains("Reason for declining", "BORED");
    assertThat(openTasks("wang.fang", orderNo, TASK_ACCEPT_ORDER)).containsExactly(acceptTask);

    work("wang.fang", orderNo, TASK_ACCEPT_ORDER, "{\"acceptDecision\": {\"value\": \"ACCEPT\"}}");
    String stockTask = openTasks("hetao.market", orderNo, TASK_CONFIRM_STOCK).get(0);
    Response inStockWithoutPrice = as("hetao.market").post("/engine-rest/task/" + stockTask + "/complete",
        "{\"variables\": {\"stockAvailable\": {\"value\": \"YES\"}}}");
    assertThat(inStockWithoutPrice.status()).isEqualTo(400);
    assertThat(inStockWithoutPrice.json().get("message").asText()).startsWith("今日商品总价 (Today's total price of these goods, ¥) 必填 (is required)");

    Response outOfStockNeedsNoPrice = as("hetao.market").post("/engine-rest/task/" + stockTask + "/complete",
        "{\"variables\": {\"stockAvailable\": {\"value\": \"NO\"}}}");
    assertThat(outOfStockNeedsNoPrice.status()).isEqualTo(204);
    assertThat(as("wang.fang").get("/api/orders/" + orderNo).json().get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void orderBodyThatIsNotJsonIsRefusedWith415() {
    Response refused = as("wang.fang").postRaw("/api/orders", "text/plain", "rice please");

    assertThat(refused.status()).isEqualTo(415);
    assertThat(refused.json().get("error").asText()).contains("JSON");
  }

  @Test
  void unknownOrderNumberIsNotFoundEverywhere() {
    assertThat(as("wang.fang").get("/api/orders/YZ-000000-0000").status()).isEqualTo(404);
    assertThat(StationHttp.anonymous(port).get("/api/public/orders/YZ-000000-0000").json().get("error").asText())
        .contains("YZ-000000-0000", "code on the slip");
    assertThat(StationHttp.anonymous(port).get("/api/public/orders/ABCDEFGHJK").status()).isEqualTo(404);
    assertThat(as("wang.fang").post("/api/orders/YZ-000000-0000/cancel", "{\"reason\": \"x\"}").status()).isEqualTo(404);
  }

  @Test
  void residentCancelsBeforeHandOverAndTheOrderEndsCancelledOnce() {
    String orderNo = place("R-0002", "RICE-5KG", 1).json().get("orderNo").asText();

    assertThat(as("wang.fang").post("/api/orders/" + orderNo + "/cancel", "{}").json().get("field").asText())
        .isEqualTo("reason");
    Response cancelled = as("wang.fang").post("/api/orders/" + orderNo + "/cancel", "{\"reason\": \"Changed mind\"}");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().get("closedReason").asText()).isEqualTo("Changed mind");
    assertThat(openTasks("wang.fang", orderNo, null)).isEmpty();

    Response again = as("wang.fang").post("/api/orders/" + orderNo + "/cancel", "{\"reason\": \"Changed mind\"}");
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void merchantsNeitherTakeOrdersNorSeeTheRegistry() {
    Response placed = as("hetao.market").post("/api/orders",
        "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}");
    assertThat(placed.status()).isEqualTo(403);
    assertThat(as("hetao.market").get("/api/residents?q=R-0002").status()).isEqualTo(403);
  }

  @Test
  void staffFindResidentsByNameNumberOrBuilding() {
    Response found = as("zhao.min").get("/api/residents?q=zhang");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get(0).get("id").asText()).isEqualTo("R-0001");
    assertThat(fieldNames(found.json().get(0))).containsExactlyInAnyOrder("id", "name", "building", "grid", "tags");
    assertThat(found.json().get(0).get("tags").toString()).contains("MOBILITY_LIMITED", "LIVING_ALONE");
  }

  private Response place(String residentId, String sku, int quantity) {
    Response placed = as("wang.fang").post("/api/orders", """
        {"residentId": "%s", "items": [{"sku": "%s", "quantity": %d}]}""".formatted(residentId, sku, quantity));
    assertThat(placed.status()).isEqualTo(201);
    return placed;
  }

  /** Claims and completes the order's task as the user, through /engine-rest. */
  private void work(String user, String orderNo, String taskKey, String variables) {
    List<String> tasks = openTasks(user, orderNo, taskKey);
    assertThat(tasks).as(user + " sees " + taskKey).hasSize(1);
    String taskId = tasks.get(0);
    assertThat(as(user).post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}").status())
        .isEqualTo(204);
    Response completed = as(user).post("/engine-rest/task/" + taskId + "/complete", "{\"variables\": " + variables + "}");
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
  }

  private List<String> openTasks(String user, String orderNo, String taskKey) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + orderNo
        + (taskKey == null ? "" : "&taskDefinitionKey=" + taskKey);
    return as(user).get(query).json().findValuesAsText("id");
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown resident          | {"residentId": {"value": "R-9999"}, "item1Sku": {"value": "RICE-5KG"}, "item1Quantity": {"value": 1}}                                  | R-9999
      value the station decides | {"residentId": {"value": "R-0001"}, "item1Sku": {"value": "RICE-5KG"}, "item1Quantity": {"value": 1}, "mobilityLimited": {"value": false}} | mobilityLimited
      a colleague as the placer | {"residentId": {"value": "R-0001"}, "item1Sku": {"value": "RICE-5KG"}, "item1Quantity": {"value": 1}, "placedBy": {"value": "li.qiang"}} | placedBy
      """)
  void orderRefusedThroughTheEngineApiIsABadRequestThatLeavesNothing(String description, String variables,
      String named) {
    long ordersBefore = count("station_order");
    long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count();

    // submit-form is what Tasklist's start form sends; start is what other REST clients use.
    for (String endpoint : List.of("submit-form", "start")) {
      Response started = as("wang.fang").post("/engine-rest/process-definition/key/station-order/" + endpoint,
          "{\"variables\": " + variables + "}");

      assertThat(started.status()).as(endpoint + ": " + started.text()).isEqualTo(400);
      assertThat(started.json().get("message").asText()).as(endpoint).contains(named)
          .as("the refusal's own words, without Camunda's technical prefix").doesNotContain("Cannot instantiate");
    }
    assertThat(count("station_order")).isEqualTo(ordersBefore);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }
}
