package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * A step finds its order, case or delivery by what the station recorded (the business key, the delivery's record),
 * never by a variable a client can write: a merchant answering its own task cannot cancel somebody else's order, and a
 * process started with a borrowed number is refused.
 */
@StationTest
class ForgedReferencesIT {

  private static final String RICE = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""";

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @Test
  void merchantWhoNamesAnotherOrderOnItsOwnTaskIsRefusedAndCouldNotReachItAnyway() {
    String own = accepted(place());
    String other = accepted(place());
    String confirmStock = taskOf(own, TASK_CONFIRM_STOCK);

    String forged = """
        {"variables": {"stockAvailable": {"value": "NO"}, "orderNo": {"value": "%s"}}}""".formatted(other);

    Response refused = as("hetao.market").post("/engine-rest/task/" + confirmStock + "/complete", forged);
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("orderNo is not a field of this task's form");
    assertThat(status(own)).isEqualTo("PROCURING");

    // Even where a completion may carry other variables (an administrator's), the steps find the order by its
    // business key, not by the variable.
    Response answered = StationHttp.as(port, "admin", "admin")
        .post("/engine-rest/task/" + confirmStock + "/complete", forged);
    assertThat(answered.status()).as(answered.text()).isEqualTo(204);
    assertThat(status(own)).isEqualTo("CANCELLED");
    assertThat(status(other)).as("the other order is untouched").isEqualTo("PROCURING");
    String otherCode = as("chen.jing").get("/api/orders/" + other).json().get("publicCode").asText();
    assertThat(StationHttp.anonymous(port).get("/api/public/orders/" + otherCode).json().get("status").asText())
        .isEqualTo("PROCURING");
  }

  @Test
  void orderOrCaseStartedUnderABorrowedNumberIsRefused() {
    String existing = place();
    Response order = as("wang.fang").post("/engine-rest/process-definition/key/station-order/start", """
        {"businessKey": "%s", "variables": {"residentId": {"value": "R-0002"},
         "item1Sku": {"value": "RICE-5KG"}, "item1Quantity": {"value": 1}}}""".formatted(existing));
    assertThat(order.status()).as(order.text()).isEqualTo(400);
    assertThat(order.json().get("message").asText()).contains("order number is given");
    assertThat(status(existing)).isEqualTo("PLACED");

    Response dispute = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start", """
        {"businessKey": "MD-000000-0001", "variables": {"buildingId": {"value": "B01"}, "type": {"value": "NOISE"},
         "parties": {"value": "301, 401"}, "description": {"value": "Drums"}}}""");
    assertThat(dispute.status()).as(dispute.text()).isEqualTo(400);
    assertThat(dispute.json().get("message").asText()).contains("case number is given");
  }

  @Test
  void deliveryStartedOnItsOwnCannotClaimAnOrder() {
    String existing = place();
    String start = """
        {"variables": {"residentId": {"value": "R-0001"}, "kind": {"value": "GOODS"},
         "orderNo": {"value": "%s"}}}""".formatted(existing);

    // A manager starts no delivery with values (it has no start form; POST /api/deliveries starts one for them) ...
    Response delivery = as("chen.jing").post("/engine-rest/process-definition/key/doorstep-delivery/start", start);
    assertThat(delivery.status()).as(delivery.text()).isEqualTo(400);
    assertThat(delivery.json().get("message").asText()).startsWith("不能由请求填写: kind, orderNo, residentId");

    // ... and not even an administrator's start can name an order.
    Response admins = StationHttp.as(port, "admin", "admin")
        .post("/engine-rest/process-definition/key/doorstep-delivery/start", start);
    assertThat(admins.status()).as(admins.text()).isEqualTo(400);
    assertThat(admins.json().get("message").asText()).contains("orderNo is given by the station order");
  }

  private String place() {
    Response placed = as("wang.fang").post("/api/orders", RICE);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderNo").asText();
  }

  private String accepted(String orderNo) {
    Response accepted = as("wang.fang").post("/engine-rest/task/" + taskOf(orderNo, TASK_ACCEPT_ORDER) + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(204);
    return orderNo;
  }

  private String taskOf(String orderNo, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(orderNo).taskDefinitionKey(taskKey).singleResult()
        .getId();
  }

  private String status(String orderNo) {
    return as("chen.jing").get("/api/orders/" + orderNo).json().get("status").asText();
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
