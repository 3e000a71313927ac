package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/** Disputes over HTTP: registration, confidentiality, bad input and the figures. */
@StationTest
class DisputeApiIT {

  private static final String NOISE_IN_B01 = """
      {"buildingId": "B01", "type": "NOISE", "parties": "Flat 301 and flat 401", "description": "Drums at night",
       "riskFlags": []}""";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }

  @Test
  void caseIsReadOnlyByItsOwnerTheMediatorsItReachedAndManagers() {
    Response registered = as("wang.fang").post("/api/disputes", NOISE_IN_B01);
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String caseNo = registered.json().get("caseNo").asText();
    assertThat(registered.json().get("startLevel").asInt()).isEqualTo(1);
    String path = "/api/disputes/" + caseNo;

    assertThat(as("wang.fang").get(path).json().get("owner").asText()).as("owner").isEqualTo("wang.fang");
    assertThat(as("liu.yang").get(path).status()).as("building head of B01").isEqualTo(200);
    assertThat(as("chen.jing").get(path).status()).as("station manager").isEqualTo(200);
    assertThat(as("li.qiang").get(path).status()).as("another volunteer").isEqualTo(403);
    assertThat(as("zhou.lan").get(path).status()).as("building head of other buildings").isEqualTo(403);
    assertThat(as("wu.lei").get(path).status()).as("grid worker before it reached the grid").isEqualTo(403);
    String processInstanceId = registered.json().get("processInstanceId").asText();
    assertThat(as("li.qiang").get("/engine-rest/task?processInstanceId=" + processInstanceId).json()).as("Tasklist").isEmpty();
    // Volunteers have no Cockpit: the engine API's instance list and history are closed to them altogether.
    assertThat(as("li.qiang").get("/engine-rest/process-instance?processDefinitionKey=mediation-escalation").status())
        .as("Cockpit's and the REST API's instance list").isEqualTo(403);
    assertThat(as("li.qiang").get("/engine-rest/history/process-instance?processInstanceId=" + processInstanceId)
        .status()).as("history").isEqualTo(403);

    List<String> tasks = as("liu.yang").get("/engine-rest/task?processInstanceId=" + processInstanceId).json()
        .findValuesAsText("id");
    assertThat(tasks).hasSize(1);
    as("liu.yang").post("/engine-rest/task/" + tasks.get(0) + "/claim", "{\"userId\": \"liu.yang\"}");
    Response up = as("liu.yang").post("/engine-rest/task/" + tasks.get(0) + "/complete", """
        {"variables": {"levelOutcome": {"value": "NOT_SETTLED"}, "notSettledReason": {"value": "Will not open the door"}}}""");
    assertThat(up.status()).as(up.text()).isEqualTo(204);

    Response atGrid = as("wu.lei").get(path);
    assertThat(atGrid.status()).as("grid worker once it reached the grid").isEqualTo(200);
    assertThat(atGrid.json().get("currentLevel").asInt()).isEqualTo(2);
    assertThat(atGrid.json().get("history").findValuesAsText("event")).contains("REGISTERED", "NOT_SETTLED");
    assertThat(atGrid.json().get("history").findValuesAsText("reason")).contains("Will not open the door");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown building   | {"buildingId": "B99", "type": "NOISE", "parties": "a", "description": "b"}          | buildingId
      missing building   | {"type": "NOISE", "parties": "a", "description": "b"}                               | buildingId
      unknown type       | {"buildingId": "B01", "type": "GOSSIP", "parties": "a", "description": "b"}         | type
      missing type       | {"buildingId": "B01", "parties": "a", "description": "b"}                           | type
      no parties         | {"buildingId": "B01", "type": "NOISE", "parties": " ", "description": "b"}          | parties
      no description     | {"buildingId": "B01", "type": "NOISE", "parties": "a"}                              | description
      unknown risk flag  | {"buildingId": "B01", "type": "NOISE", "parties": "a", "description": "b", "riskFlags": ["ALIENS"]} | riskFlags[0]
      """)
  void badDisputeIsRefusedAndWritesNothing(String description, String body, String field) {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();

    Response refused = as("liu.yang").post("/api/disputes", body);

    assertThat(refused.status()).as(description).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).as(description).isEqualTo(field);
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "\"owner\": {\"value\": \"zhou.lan\", \"valueInfo\": {\"transient\": true}}",
      "\"ownerGroups\": {\"value\": \"station-volunteers\"}",
      "\"buildingHeadsGroup\": {\"value\": \"merchants\"}",
      "\"caseNo\": {\"value\": \"MD-000000-0001\"}"})
  void valuesTheStationWorksOutAreRefusedWhenAClientSendsThem(String sent) {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();
    Response refused = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start", """
        {"variables": {"buildingId": {"value": "B01"}, "type": {"value": "NOISE"}, "parties": {"value": "301, 401"},
         "description": {"value": "Drums at night"}, %s}}""".formatted(sent));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).startsWith("不能由请求填写: ");
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void disputeTypeSentAsTransientIsTakenAsItCame() {
    Response started = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start", """
        {"variables": {"buildingId": {"value": "B01"}, "type": {"value": "NOISE", "valueInfo": {"transient": true}},
         "parties": {"value": "301, 401"}, "description": {"value": "Drums at night"}}}""");

    assertThat(started.status()).as(started.text()).isEqualTo(200);
  }

  @Test
  void caseOwnerIsTheSignedInUserAndCannotBeSetToAColleague() {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();
    String forged = """
        {"variables": {"buildingId": {"value": "B01"}, "type": {"value": "NOISE"}, "parties": {"value": "301, 401"},
         "description": {"value": "Drums at night"}, "registeredBy": {"value": "zhou.lan"}}}""";

    // Not even naming oneself: who registered is never a value of the request.
    for (String named : List.of("zhou.lan", "liu.yang")) {
      Response refused = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start",
          forged.replace("zhou.lan", named));
      assertThat(refused.status()).as(refused.text()).isEqualTo(400);
      assertThat(refused.json().get("message").asText()).startsWith("不能由请求填写: registeredBy (");
    }
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);

    // An administrator's start may carry other values, but not somebody else as the owner.
    Response admins = StationHttp.as(port, "admin", "admin")
        .post("/engine-rest/process-definition/key/mediation-escalation/start", forged);
    assertThat(admins.status()).as(admins.text()).isEqualTo(400);
    assertThat(admins.json().get("message").asText()).contains("registeredBy is recorded by the station");
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);

    Response own = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start",
        forged.replace(", \"registeredBy\": {\"value\": \"zhou.lan\"}", ""));
    assertThat(own.status()).as(own.text()).isEqualTo(200);
    assertThat(jdbc.sql("select owner from dispute_case where process_instance_id = ?")
        .param(own.json().get("id").asText()).query(String.class).single()).isEqualTo("liu.yang");
  }

  @Test
  void disputeStartedThroughEitherEngineApiWithAnUnknownTypeIsABadRequestThatWritesNothing() {
    long before = jdbc.sql("select count(*) from dispute_case").query(Long.class).single();
    String unknownType = """
        {"variables": {"buildingId": {"value": "B01"}, "type": {"value": "GOSSIP"},
         "parties": {"value": "a"}, "description": {"value": "b"}}}""";

    Response plainStart = as("liu.yang").post("/engine-rest/process-definition/key/mediation-escalation/start",
        unknownType);
    Response tasklistStartForm = TasklistSession.login(port, "liu.yang", "demo")
        .postToEngine("/process-definition/key/mediation-escalation/submit-form", unknownType);

    for (Response refused : List.of(plainStart, tasklistStartForm)) {
      assertThat(refused.status()).as(refused.text()).isEqualTo(400);
      assertThat(refused.json().get("message").asText()).isEqualTo("纠纷类型 (Type of dispute): “GOSSIP” 不是可选项 (is not one of the choices)");
    }
    assertThat(jdbc.sql("select count(*) from dispute_case").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void merchantsDoNotRegisterDisputesAndUnknownCasesAreNotFound() {
    assertThat(as("hetao.market").post("/api/disputes", NOISE_IN_B01).status()).isEqualTo(403);
    assertThat(as("chen.jing").get("/api/disputes/MD-000000-0000").status()).isEqualTo(404);
  }

  @Test
  void managersSeeTheMediationFigures() {
    as("wang.fang").post("/api/disputes", NOISE_IN_B01);

    Response figures = as("chen.jing").get("/api/kpi/mediation");

    assertThat(figures.status()).isEqualTo(200);
    assertThat(figures.json().get("cases").asLong()).isPositive();
    assertThat(figures.json().get("casesByStartLevel").get("1").asLong()).isPositive();
    assertThat(figures.json().has("subsidiesOwed")).isTrue();
    assertThat(as("wang.fang").get("/api/kpi/mediation").status()).isEqualTo(403);
    assertThat(as("chen.jing").get("/api/kpi/mediation?from=2026-12-01&to=2026-11-01").status()).isEqualTo(400);
    assertThat(as("chen.jing").get("/api/kpi/mediation?from=yesterday").status()).isEqualTo(400);
  }
}
