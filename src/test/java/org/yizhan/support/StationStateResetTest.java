package org.yizhan.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yizhan.StationTest;
import org.yizhan.order.OrderProcess;

/** What one test class leaves behind is gone before the next one starts: records, tasks, throttled sign-ins, clock. */
@StationTest
class StationStateResetTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext app;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  @Test
  void ordersSignInFailuresAndTheClockOfAClassAreGoneAfterIt() throws Exception {
    long ordersAtStart = count("station_order");
    long processesAtStart = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(OrderProcess.KEY).count();
    long seededResidents = count("resident");

    StationHttp.Response placed = StationHttp.as(port, "wang.fang", "demo").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}], "deliveryPreference": "PICKUP"}""");
    assertThat(placed.status()).isEqualTo(201);
    for (int i = 0; i < 20 && StationHttp.as(port, "nobody.here", "guess" + i).get("/engine-rest/task").status() != 429;
        i++) {
      // a stranger guesses until the sign-in throttle makes the client wait
    }
    assertThat(StationHttp.as(port, "wang.fang", "demo").get("/api/residents?q=R-0002").status())
        .as("the client is throttled now").isEqualTo(429);
    ClockUtil.setCurrentTime(new Date(0));
    assertThat(count("station_order")).isEqualTo(ordersAtStart + 1);

    StationStateReset.restore(app);

    assertThat(count("station_order")).isEqualTo(ordersAtStart);
    assertThat(jdbc.queryForObject("select count(*) from station_order where order_no = ?", Long.class,
        placed.json().get("orderNo").asText())).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count())
        .isEqualTo(processesAtStart);
    assertThat(count("resident")).as("the seeds stay").isEqualTo(seededResidents).isPositive();
    assertThat(ClockUtil.getCurrentTime()).isAfter(new Date(0));
    assertThat(StationHttp.as(port, "wang.fang", "demo").get("/api/residents?q=R-0002").status())
        .as("the throttle has forgotten the failures").isEqualTo(200);

    StationHttp.Response placedAgain = StationHttp.as(port, "wang.fang", "demo").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}], "deliveryPreference": "PICKUP"}""");
    assertThat(placedAgain.status()).as("the station works on after the reset").isEqualTo(201);
    assertThat(placedAgain.json().get("orderNo").asText()).as("numbers are never handed out twice")
        .isNotEqualTo(placed.json().get("orderNo").asText());
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
