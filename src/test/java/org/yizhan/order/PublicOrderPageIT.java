package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

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

  /** An English text followed by Chinese in brackets, "Order progress (订单进度)": the page writes it the other way. */
  private static final Pattern ENGLISH_FIRST = Pattern.compile("[A-Za-z][A-Za-z ,.'’-]* \\(\\p{IsHan}");

  @LocalServerPort int port;
  @Autowired OrderBook book;

  @Test
  void pageIsServedInChineseFirstWithTheHintForTheCodeAndStatusesAsWords() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/order.html")).header("Accept", "text/html")
            .GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/html"));
    String html = page.body();
    assertThat(html).contains("<html lang=\"zh-CN\">", "<title>订单进度 (Order progress) · 驿站 (Yizhan)</title>",
        "<h1>订单进度 (Order progress)</h1>", "name=\"viewport\"",
        "请输入驿站给您的小票上的10位查询码", "(Enter the 10-character code on the slip",
        "<label for=\"code\">查询码 (Code)</label>", "查询 (Look up)",
        "已完成 (Completed)", "已取消 (Cancelled)", "驿站未能接单 (Not accepted by the station)",
        "送货上门 (Delivered to your door)", "到站自取 (Collect at the station)",
        "没有找到查询码为", "(No order has the code", "role', 'status'");
    assertThat(html).as("money reads ¥93.00").contains("'¥' + (fenValue / 100).toFixed(2)");
    assertThat(html).as("items as cards, not a table squeezed into a phone").doesNotContain("<table", "insertRow");
    assertThat(ENGLISH_FIRST.matcher(html).results().map(match -> match.group()).toList())
        .as("texts of the page with the English first").isEmpty();
  }

  @Test
  void publicViewLeavesTheStationsInternalStepsOutAndTellsHowTheOrderArrives() {
    StationHttp volunteer = StationHttp.as(port, "wang.fang", "demo");
    Response placed = volunteer.post("/api/orders",
        "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}");
    assertThat(placed.status()).isEqualTo(201);
    String orderNo = placed.json().get("orderNo").asText();
    String code = placed.json().get("publicCode").asText();
    String acceptTask = volunteer.get("/engine-rest/task?processInstanceBusinessKey=" + orderNo
        + "&taskDefinitionKey=" + TASK_ACCEPT_ORDER).json().get(0).get("id").asText();
    assertThat(volunteer.post("/engine-rest/task/" + acceptTask + "/claim", "{\"userId\": \"wang.fang\"}").status())
        .isEqualTo(204);
    assertThat(volunteer.post("/engine-rest/task/" + acceptTask + "/complete",
        "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}").status()).isEqualTo(204);
    // The timers' steps, as their listeners would write them.
    book.progress(orderNo, ProgressStep.ACCEPT_OVERDUE, "Not accepted in time; the station manager was alerted (超时未接单，已提醒站长)",
        null, null);
    book.progress(orderNo, ProgressStep.PICKUP_REMINDER, "Not collected yet; the resident is being reminded (尚未取货，提醒居民)",
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
