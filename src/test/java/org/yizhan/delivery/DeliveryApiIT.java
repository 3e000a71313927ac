package org.yizhan.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

/** Deliveries, needs and points over HTTP, as managers, volunteers and grid workers. */
@StationTest
class DeliveryApiIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }

  @Test
  void addressAndPhoneAreShownOnlyToTheVolunteerWhoHasClaimedTheDelivery() {
    Response started = as("chen.jing").post("/api/deliveries",
        "{\"residentId\": \"R-0001\", \"kind\": \"MEDICINE\", \"note\": \"Insulin from the pharmacy\"}");
    assertThat(started.status()).isEqualTo(201);
    String deliveryNo = started.json().get("deliveryNo").asText();
    String taskId = deliveryTask(started.json().get("processInstanceId").asText());
    String contact = "/api/deliveries/" + deliveryNo + "/contact";

    Response task = as("wang.fang").get("/engine-rest/task/" + taskId + "/variables");
    assertThat(task.text()).contains("Building 1, Nuanxinli Estate").doesNotContain("13900000001", "Room 301");
    assertThat(as("wang.fang").get(contact).status()).as("before claiming").isEqualTo(403);

    assertThat(as("wang.fang").post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"wang.fang\"}").status())
        .isEqualTo(204);
    Response shown = as("wang.fang").get(contact);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("phone").asText()).isEqualTo("13900000001");
    assertThat(shown.json().get("address").asText()).contains("Room 301");
    assertThat(as("li.qiang").get(contact).status()).as("another volunteer of the grid").isEqualTo(403);

    assertThat(as("wang.fang").post("/engine-rest/task/" + taskId + "/unclaim", "{}").status()).isEqualTo(204);
    assertThat(as("wang.fang").get(contact).status()).as("after unclaiming").isEqualTo(403);
    assertThat(as("chen.jing").get(contact).status()).as("station manager").isEqualTo(200);
    runtime.deleteProcessInstance(started.json().get("processInstanceId").asText(), "test");
  }

  @Test
  void managerStartsAMealRoundForTheCanteenList() {
    Response round = as("sun.hao").post("/api/deliveries/rounds", "{\"kind\": \"MEAL\", \"note\": \"Dinner\"}");

    assertThat(round.status()).isEqualTo(201);
    assertThat(round.json().get("deliveries").findValuesAsText("residentId")).containsExactly("R-0001", "R-0003", "R-0006");
    round.json().get("deliveries").findValuesAsText("processInstanceId")
        .forEach(id -> runtime.deleteProcessInstance(id, "test"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown resident           | /api/deliveries        | {"residentId": "R-9999", "kind": "MEAL"}              | residentId
      missing resident           | /api/deliveries        | {"kind": "MEAL"}                                      | residentId
      blank resident             | /api/deliveries        | {"residentId": "   ", "kind": "MEAL"}                 | residentId
      resident number too long   | /api/deliveries        | {"residentId": "{LONG_ID}", "kind": "MEAL"}           | residentId
      name instead of number     | /api/deliveries        | {"residentId": "张桂英 (Zhang Guiying)", "kind": "MEAL"} | residentId
      unknown kind               | /api/deliveries        | {"residentId": "R-0001", "kind": "PIZZA"}             | kind
      kind in lower case         | /api/deliveries        | {"residentId": "R-0001", "kind": "meal"}              | kind
      missing kind               | /api/deliveries        | {"residentId": "R-0001"}                              | kind
      empty kind                 | /api/deliveries        | {"residentId": "R-0001", "kind": ""}                  | kind
      note too long              | /api/deliveries        | {"residentId": "R-0001", "kind": "MEAL", "note": "{LONG_NOTE}"} | note
      round of goods             | /api/deliveries/rounds | {"kind": "GOODS"}                                     | kind
      round of medicine          | /api/deliveries/rounds | {"kind": "MEDICINE", "note": "Insulin"}               | kind
      round without kind         | /api/deliveries/rounds | {}                                                    | kind
      round with a note too long | /api/deliveries/rounds | {"kind": "MEAL", "note": "{LONG_NOTE}"}               | note
      """)
  void deliveryRequestTheStationRefusesAnswers400NamingTheFieldAndStartsNothing(String description, String path,
      String body, String field) {
    long rows = deliveryRows();
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(DeliveryProcess.KEY).count();

    Response refused = as("chen.jing").post(path, body.replace("{LONG_ID}", "R-" + "0".repeat(40))
        .replace("{LONG_NOTE}", "药".repeat(DeliveryValidator.MAX_NOTE + 1)));

    assertThat(refused.status()).as(description + ": " + refused.text()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).as(description).isEqualTo(field);
    assertThat(refused.json().get("error").asText()).as("Chinese first, English in brackets")
        .matches("^\\P{ASCII}.*\\(.+\\)\\P{ASCII}*$");
    assertThat(deliveryRows()).as("no delivery written").isEqualTo(rows);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DeliveryProcess.KEY).count())
        .as("no delivery started").isEqualTo(instances);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not json                 | /api/deliveries        | {"residentId":
      resident not a text      | /api/deliveries        | {"residentId": {"id": "R-0001"}, "kind": "MEAL"}
      kind not a text          | /api/deliveries        | {"residentId": "R-0001", "kind": ["MEAL"]}
      unknown field            | /api/deliveries        | {"residentId": "R-0001", "kind": "MEAL", "orderNo": "YZ-1"}
      round of an unknown kind | /api/deliveries/rounds | {"kind": "PIZZA"}
      """)
  void deliveryRequestThatIsNotWellFormedAnswers400AndStartsNothing(String description, String path, String body) {
    long rows = deliveryRows();

    Response refused = as("chen.jing").post(path, body);

    assertThat(refused.status()).as(description + ": " + refused.text()).isEqualTo(400);
    assertThat(refused.json().get("error").asText()).isNotBlank();
    assertThat(deliveryRows()).isEqualTo(rows);
  }

  @Test
  void managerStartedDeliveryAnswersWithTheNumberItWasGivenAsBusinessKey() {
    Response started = as("chen.jing").post("/api/deliveries", "{\"residentId\": \" R-0002 \", \"kind\": \"MEDICINE\"}");

    assertThat(started.status()).as(started.text()).isEqualTo(201);
    String deliveryNo = started.json().get("deliveryNo").asText();
    String instanceId = started.json().get("processInstanceId").asText();
    assertThat(started.header("Location")).isEqualTo("/api/deliveries/" + deliveryNo);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getBusinessKey())
        .isEqualTo(deliveryNo);
    assertThat(jdbc.sql("select resident_id from delivery where delivery_no = ?").param(deliveryNo)
        .query(String.class).single()).as("the number as the registry writes it").isEqualTo("R-0002");
    runtime.deleteProcessInstance(instanceId, "test");
  }

  private long deliveryRows() {
    return jdbc.sql("select count(*) from delivery").query(Long.class).single();
  }

  @Test
  void onlyManagersStartDeliveries() {
    assertThat(as("wang.fang").post("/api/deliveries", "{\"residentId\": \"R-0001\", \"kind\": \"MEAL\"}").status())
        .isEqualTo(403);
    assertThat(StationHttp.anonymous(port).post("/api/deliveries/rounds", "{\"kind\": \"MEAL\"}").status())
        .isEqualTo(401);
  }

  @Test
  void needHeardOnTheDoorstepBecomesAnOrderInOneActionAndCountsInTheTopList() {
    Response started = as("chen.jing").post("/api/deliveries", "{\"residentId\": \"R-0005\", \"kind\": \"VEGETABLES\"}");
    String taskId = deliveryTask(started.json().get("processInstanceId").asText());
    as("wang.fang").post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"wang.fang\"}");
    Response completed = as("wang.fang").post("/engine-rest/task/" + taskId + "/complete", """
        {"variables": {"outcome": {"value": "DELIVERED"}, "receivedBy": {"value": "Sun"},
         "satisfaction": {"value": "4"}, "antiFraudTalk": {"value": true},
         "need1Category": {"value": "PARCEL"}, "need1Details": {"value": "Grandson's parcel arrives Friday"}}}""");
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);

    Response heard = as("wang.fang").get("/api/residents/R-0005/needs");
    long needId = heard.json().get(0).get("id").asLong();
    assertThat(heard.json().get(0).get("category").asText()).isEqualTo("PARCEL");
    Response top = as("zhao.min").get("/api/needs/top?days=30");
    assertThat(top.json().findValuesAsText("category")).contains("PARCEL");

    Response ordered = as("wang.fang").post("/api/needs/" + needId + "/order", "");
    assertThat(ordered.status()).isEqualTo(201);
    String orderNo = ordered.json().get("orderNo").asText();
    Response order = as("wang.fang").get("/api/orders/" + orderNo);
    assertThat(order.json().at("/resident/id").asText()).isEqualTo("R-0005");
    assertThat(order.json().get("items").findValuesAsText("sku")).containsExactly("SVC-PARCEL");
    assertThat(as("wang.fang").post("/api/needs/" + needId + "/order", "").status()).as("only once").isEqualTo(409);

    assertThat(as("wang.fang").get("/api/needs/top?days=0").status()).isEqualTo(400);
    assertThat(as("wang.fang").get("/api/needs/top?days=lots").status()).isEqualTo(400);
  }

  @Test
  void volunteerEarnsPointsForDeliveriesAndAManagerRecordsAPrizeThatCannotOverdraw() {
    Response started = as("chen.jing").post("/api/deliveries", "{\"residentId\": \"R-0002\", \"kind\": \"GOODS\"}");
    String taskId = deliveryTask(started.json().get("processInstanceId").asText());
    int before = as("li.qiang").get("/api/volunteers/li.qiang/points").json().get("balance").asInt();
    as("li.qiang").post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"li.qiang\"}");
    assertThat(as("li.qiang").post("/engine-rest/task/" + taskId + "/complete", """
        {"variables": {"outcome": {"value": "DELIVERED"}, "receivedBy": {"value": "Wang"},
         "satisfaction": {"value": "5"}, "antiFraudTalk": {"value": true}}}""").status()).isEqualTo(204);

    Response account = as("li.qiang").get("/api/volunteers/li.qiang/points");
    assertThat(account.json().get("balance").asInt()).isEqualTo(before + 5);
    assertThat(account.json().get("entries").findValuesAsText("ref"))
        .contains(started.json().get("deliveryNo").asText());
    assertThat(as("wang.fang").get("/api/volunteers/li.qiang/points").status()).as("another volunteer").isEqualTo(403);

    Response tooDear = as("chen.jing").post("/api/volunteers/li.qiang/redemptions",
        "{\"points\": " + (before + 6) + ", \"prize\": \"Thermos flask (保温杯)\"}");
    assertThat(tooDear.status()).as(tooDear.text()).isEqualTo(409);
    Response redeemed = as("chen.jing").post("/api/volunteers/li.qiang/redemptions",
        "{\"points\": 5, \"prize\": \"Rice, 1 kg (大米1公斤)\"}");
    assertThat(redeemed.status()).isEqualTo(201);
    assertThat(redeemed.json().get("balance").asInt()).isEqualTo(before);
    assertThat(as("li.qiang").post("/api/volunteers/li.qiang/redemptions", "{\"points\": 1, \"prize\": \"x\"}").status())
        .as("volunteers cannot redeem for themselves").isEqualTo(403);
    assertThat(as("chen.jing").post("/api/volunteers/li.qiang/redemptions", "{\"points\": 0, \"prize\": \"x\"}")
        .json().get("field").asText()).isEqualTo("points");
    assertThat(as("chen.jing").get("/api/volunteers/nobody.here/points").status()).isEqualTo(404);
  }

  private String deliveryTask(String processInstanceId) {
    List<String> ids = as("chen.jing").get("/engine-rest/task?processInstanceId=" + processInstanceId).json()
        .findValuesAsText("id");
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }
}
