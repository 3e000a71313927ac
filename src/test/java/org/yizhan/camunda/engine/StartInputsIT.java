package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.order.OrderProcess;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * A start over HTTP carries its start form's fields only, through {@code /engine-rest} and Tasklist's copy of the
 * engine API alike: who placed an order or registered a case, its number and its total are the station's to work out.
 */
@StationTest
class StartInputsIT {

  private static final String ORDER = """
      "residentId": {"value": "R-0002"}, "item1Sku": {"value": "RICE-5KG"}, "item1Quantity": {"value": 1}""";
  private static final String DISPUTE = """
      "buildingId": {"value": "B01"}, "type": {"value": "NOISE"}, "parties": {"value": "301, 401"},
      "description": {"value": "Drums at night"}""";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired JdbcClient jdbc;

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      station-order        | wang.fang | placedBy     | "wang.fang" | station_order
      station-order        | wang.fang | placedBy     | "li.qiang"  | station_order
      station-order        | wang.fang | orderNo      | "YZ-1"      | station_order
      station-order        | wang.fang | total        | 0.01        | station_order
      mediation-escalation | liu.yang  | registeredBy | "liu.yang"  | dispute_case
      mediation-escalation | liu.yang  | registeredBy | "zhou.lan"  | dispute_case
      mediation-escalation | liu.yang  | caseNo       | "MD-1"      | dispute_case
      """)
  void forgedStartValueIsABadRequestOnEveryApiAndLeavesNothing(String process, String user, String name,
      String value, String table) {
    String body = "{\"variables\": {" + (process.equals(OrderProcess.KEY) ? ORDER : DISPUTE) + ", \"" + name
        + "\": {\"value\": " + value + "}}}";
    long instances = instancesOf(process);
    long rows = rows(table);

    for (Starter starter : starters(user)) {
      for (String path : List.of("/process-definition/key/" + process + "/start",
          "/process-definition/key/" + process + "/submit-form",
          "/process-definition/" + latest(process) + "/submit-form")) {
        Response refused = starter.start().apply(path, body);
        assertThat(refused.status()).as(starter.name() + " " + path + ": " + refused.text()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).as(starter.name() + " " + path)
            .startsWith("不能由请求填写: " + name + " (" + name + " is not a field of the start form");
      }
    }
    assertThat(instancesOf(process)).isEqualTo(instances);
    assertThat(rows(table)).isEqualTo(rows);
  }

  @Test
  void processWithoutAStartFormTakesNoValuesOverHttp() {
    long instances = instancesOf(DeliveryProcess.KEY);
    Response refused = as("chen.jing").post("/engine-rest/process-definition/key/doorstep-delivery/start", """
        {"variables": {"residentId": {"value": "R-0001"}, "kind": {"value": "MEAL"}}}""");

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).startsWith("不能由请求填写: kind, residentId (this process has "
        + "no start form");
    assertThat(instancesOf(DeliveryProcess.KEY)).isEqualTo(instances);

    Response started = as("chen.jing").post("/api/deliveries", """
        {"residentId": "R-0001", "kind": "MEAL", "note": "Lunch"}""");
    assertThat(started.status()).as(started.text()).isEqualTo(201);
    assertThat(jdbc.sql("select created_by from delivery where delivery_no = ?")
        .param(started.json().get("deliveryNo").asText()).query(String.class).single()).isEqualTo("chen.jing");
  }

  @Test
  void tasklistsStartFormAndTheStationApiStillPlaceOrdersForTheSignedInUser() {
    Response startForm = TasklistSession.login(port, "wang.fang", "demo")
        .postToEngine("/process-definition/" + latest(OrderProcess.KEY) + "/submit-form", "{\"variables\": {" + ORDER
            + ", \"deliveryPreference\": {\"value\": \"NONE\"}, \"note\": {\"value\": \"\"}}}");
    assertThat(startForm.status()).as(startForm.text()).isEqualTo(200);
    assertThat(placedBy(startForm.json().get("id").asText())).isEqualTo("wang.fang");

    Response api = as("li.qiang").post("/api/orders", """
        {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 2}, {"sku": "OIL-5L", "quantity": 1}]}""");
    assertThat(api.status()).as(api.text()).isEqualTo(201);
    assertThat(placedBy(api.json().get("processInstanceId").asText())).isEqualTo("li.qiang");
    assertThat(as("li.qiang").get("/api/orders/" + api.json().get("orderNo").asText()).json().get("placedBy").asText())
        .isEqualTo("li.qiang");
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private record Starter(String name, BiFunction<String, String, Response> start) {}

  /** Signed in once per user: a Tasklist login is the slow part of these tests. */
  private static final Map<String, TasklistSession> SESSIONS = new ConcurrentHashMap<>();

  private List<Starter> starters(String user) {
    TasklistSession tasklist =
        SESSIONS.computeIfAbsent(user, signingIn -> TasklistSession.login(port, signingIn, "demo"));
    return List.of(new Starter("engine-rest", (path, body) -> as(user).post("/engine-rest" + path, body)),
        new Starter("Tasklist's copy", tasklist::postToEngine));
  }

  private String placedBy(String processInstanceId) {
    return jdbc.sql("select placed_by from station_order where process_instance_id = ?").param(processInstanceId)
        .query(String.class).single();
  }

  private long instancesOf(String key) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(key).count();
  }

  private long rows(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private String latest(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }
}
