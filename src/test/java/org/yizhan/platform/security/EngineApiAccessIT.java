package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * Each role against representative engine API calls, on {@code /engine-rest}, its alias with the engine's name and
 * the webapps' copy: a call outside the caller's table answers 403 with the table's message; a call inside it reaches
 * the engine, which may still refuse it on its own (unknown ids, its own authorizations), but never with that message.
 * The calls are chosen so that the engine changes nothing even where they are allowed.
 */
@StationTest
class EngineApiAccessIT {

  /** The role each letter in the table below stands for, and a demo user holding it. */
  private static final Map<Character, String> USERS = Map.of(
      'V', "wang.fang",      // volunteer
      'M', "hetao.market",   // merchant
      'B', "liu.yang",       // building head
      'G', "wu.lei",         // grid worker
      'S', "chen.jing",      // station manager
      'A', "admin");         // administrator

  private static final String TABLE_MESSAGE = EngineApiAccessTable.LOCATION;
  private static final Map<String, TasklistSession> SESSIONS = new ConcurrentHashMap<>();

  @LocalServerPort int port;

  @ParameterizedTest(name = "{0} {1} allowed for {3}")
  @CsvSource(delimiter = '|', textBlock = """
      GET    | /task?maxResults=1                                |                                         | VMBGSA
      POST   | /task/no-such-task/claim                          | {"userId": "nobody"}                    | VMBGSA
      POST   | /task/no-such-task/complete                       | {"variables": {}}                       | VMBGSA
      POST   | /task/no-such-task/submit-form                    | {"variables": {}}                       | VMBGSA
      GET    | /filter?resourceType=Task                         |                                         | VMBGSA
      GET    | /history/user-operation?maxResults=1              |                                         | VMBGSA
      GET    | /user/wang.fang/profile                           |                                         | VMBGSA
      POST   | /process-definition/key/station-order/start       | {"variables": {}}                       | VMBGSA
      POST   | /process-definition/key/station-order/submit-form | {"variables": {}}                       | VMBGSA
      POST   | /deployment/create                                | {}                                      | SA
      GET    | /deployment?maxResults=0                          |                                         | SA
      GET    | /version                                          |                                         | SA
      POST   | /process-definition/no-such-definition/start      | {"variables": {}}                       | SA
      GET    | /process-instance?maxResults=1                    |                                         | SA
      GET    | /process-instance/no-such-instance/variables      |                                         | SA
      GET    | /job?maxResults=1                                 |                                         | SA
      GET    | /incident?maxResults=1                            |                                         | SA
      GET    | /batch                                            |                                         | SA
      POST   | /user/create                                      | {"profile": {"id": "bad id!"}, "credentials": {"password": "x"}} | A
      POST   | /authorization/create                             | {"type": 1, "permissions": ["READ"], "resourceType": 0, "resourceId": "x"} | A
      POST   | /filter/create                                    | {}                                      | A
      POST   | /process-instance/no-such-instance/modification   | {"instructions": []}                    | A
      PUT    | /process-instance/no-such-instance/suspended      | {"suspended": true}                     | A
      PUT    | /job/no-such-job/retries                          | {"retries": 1}                          | A
      DELETE | /batch/no-such-batch                              |                                         | A
      DELETE | /deployment/no-such-deployment                    |                                         | A
      DELETE | /history/process-instance/no-such-instance        |                                         | A
      POST   | /history/process-instance/delete                  | {"historicProcessInstanceIds": []}      | A
      POST   | /task/no-such-task/variables                      | {"modifications": {}}                   | A
      PUT    | /task/no-such-task/variables/x                    | {"value": 1}                            | A
      POST   | /message                                          | {}                                      | A
      """)
  void eachRoleReachesOnlyTheCallsItsWorkNeeds(String method, String path, String body, String allowedFor) {
    SoftAssertions softly = new SoftAssertions();
    USERS.forEach((role, user) -> {
      boolean allowed = allowedFor.indexOf(role) >= 0;
      for (String root : List.of("/engine-rest", "/engine-rest/engine/default")) {
        check(softly, user, root, allowed, rest(user, method, root + path, body));
      }
      check(softly, user, "webapp", allowed, session(user).sendToEngine(method, path, body));
    });
    softly.assertAll();
  }

  @Test
  void unauthenticatedCallsStillAnswer401() {
    StationHttp nobody = StationHttp.anonymous(port);

    assertThat(nobody.get("/engine-rest/process-instance").status()).isEqualTo(401);
    assertThat(nobody.post("/engine-rest/user/create", "{}").status()).isEqualTo(401);
    assertThat(nobody.get("/camunda/api/engine/engine/default/process-instance").status()).isEqualTo(401);
  }

  private static void check(SoftAssertions softly, String user, String api, boolean allowed, Response answer) {
    boolean refusedByTable = answer.status() == 403 && answer.text().contains(TABLE_MESSAGE);
    if (allowed) {
      softly.assertThat(refusedByTable).as(user + " on " + api + ": " + answer.text()).isFalse();
      return;
    }
    softly.assertThat(answer.status()).as(user + " on " + api + ": " + answer.text()).isEqualTo(403);
    softly.assertThat(refusedByTable).as(user + " on " + api + ": " + answer.text()).isTrue();
    if (answer.json() != null) {
      softly.assertThat(answer.json().path("type").asText()).isEqualTo("AuthorizationException");
      softly.assertThat(answer.json().path("message").asText()).startsWith("用户 " + user);
    }
  }

  private Response rest(String user, String method, String path, String body) {
    StationHttp client = StationHttp.as(port, user, password(user));
    return switch (method) {
      case "GET" -> client.get(path);
      case "POST" -> client.post(path, body == null ? "{}" : body);
      default -> client.send(method, path, body);
    };
  }

  private TasklistSession session(String user) {
    return SESSIONS.computeIfAbsent(user, u -> TasklistSession.login(port, u, password(u)));
  }

  private static String password(String user) {
    return "admin".equals(user) ? "admin" : "demo";
  }
}
