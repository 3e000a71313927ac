package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** The residents' order page (/order.html) and what the public API behind it publishes. */
@StationTest
class PublicOrderPageIT {

  @LocalServerPort int port;
  @Autowired OrderBook book;

  @Test
  void publicViewLeavesTheStationsInternalStepsOutAndTellsHowTheOrderArrives() {
    StationHttp volunteer = StationHttp.as(port, "wang.fang", "demo");
    Response placed = volunteer.post("/api/orders",
        "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}");
    assertThat(placed.status()).isEqualTo(201);
    String orderNo = placed.json().get("orderNo").asText();
    String code = placed.json().get("publicCode").asText();
    String acceptTask = volunteer.get("/engine-rest/task?processInstanceBusinessKey=" + orderNo
        + "&taskDefinitionKey=Task_AcceptOrder").json().get(0).get("id").asText();
    assertThat(volunteer.post("/engine-rest/task/" + acceptTask + "/claim", "{\"userId\": \"wang.fang\"}").status())
        .isEqualTo(204);
    assertThat(volunteer.post("/engine-rest/task/" + acceptTask + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}").status()).isEqualTo(204);
    // The timers' steps, as their listeners would write them.
    book.progress(orderNo, "ACCEPT_OVERDUE", "Not accepted in time; the station manager was alerted (超时未接单，已提醒站长)",
        null, null);
    book.progress(orderNo, "PICKUP_REMINDER", "Not collected yet; the resident is being reminded (尚未取货，提醒居民)",
        null, null);

    Response publicView = StationHttp.anonymous(port).get("/api/public/orders/" + code);

    assertThat(publicView.status()).isEqualTo(200);
    assertThat(publicView.json().get("status").asText()).isEqualTo("PROCURING");
    assertThat(publicView.json().get("deliveryMode").asText()).isEqualTo(placed.json().get("deliveryMode").asText());
    assertThat(steps(publicView.json())).containsExactly("PLACED", "ACCEPTED")
        .doesNotContainAnyElementsOf(PublicOrderController.INTERNAL_STEPS);
    Response staffView = StationHttp.as(port, "chen.jing", "demo").get("/api/orders/" + orderNo);
    assertThat(steps(staffView.json())).as("the station still sees every step")
        .contains("HAND_OVER_DECIDED", "PROCURING", "ACCEPT_OVERDUE", "PICKUP_REMINDER");
  }

  private static List<String> steps(JsonNode order) {
    return order.get("progress").findValuesAsText("step");
  }
}
