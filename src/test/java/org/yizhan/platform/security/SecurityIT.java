package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/** Who gets in where, and the CVE-2026-109432 guard, over real HTTP. */
@StationTest
class SecurityIT {

  /** The published exploit's shape: an expression in an orQuery that reaches Runtime. */
  private static final String ATTACK = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
      + ".exec('touch /tmp/pwned')}";

  @LocalServerPort int port;

  private StationHttp volunteer() {
    return StationHttp.as(port, "wang.fang", "demo");
  }

  @Test
  void engineRestAndStaffApiNeedCredentials() {
    StationHttp nobody = StationHttp.anonymous(port);

    assertThat(nobody.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(nobody.get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(nobody.get("/api/residents").status()).isEqualTo(401);
    assertThat(nobody.get("/api/orders/YZ-000000-0001").status()).isEqualTo(401);
    Response place = nobody.post("/api/orders", "{}");
    assertThat(place.status()).isEqualTo(401);
    assertThat(place.json().get("error").asText()).contains("Sign in");
    // A wrong password also delays the account's next login (login throttling), so no other test may use this user
    // (zhou.lan was used here and by DisputeApiIT, which then failed whenever it ran after this test).
    assertThat(StationHttp.as(port, "lin.na", "wrong").get("/api/residents").status()).isEqualTo(401);
    assertThat(StationHttp.as(port, "lin.na", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void staffApiAcceptsTheSessionOfSomebodyLoggedInToTasklist() {
    TasklistSession browser = TasklistSession.login(port, "li.qiang", "demo");

    Response residents = browser.get("/api/residents?q=R-0002");

    assertThat(residents.status()).isEqualTo(200);
    assertThat(residents.text()).contains("R-0002");
  }

  @Test
  void publicEndpointsNeedNobody() {
    Response catalog = StationHttp.anonymous(port).get("/api/public/catalog");

    assertThat(catalog.status()).isEqualTo(200);
    assertThat(catalog.json().findValuesAsText("sku")).contains("RICE-5KG", "SVC-HAIRCUT").doesNotContain("EGGS-30");
  }

  @Test
  void volunteerCallingAdminEndpointsIsForbidden() {
    Response createUser = volunteer().post("/engine-rest/user/create",
        "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\", \"lastName\": \"X\"}, \"credentials\": {\"password\": \"pw123456\"}}");
    assertThat(createUser.status()).isEqualTo(403);

    Response grant = volunteer().post("/engine-rest/authorization/create",
        "{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"wang.fang\", \"resourceType\": 4, \"resourceId\": \"*\"}");
    assertThat(grant.status()).isEqualTo(403);

    Response deleteDeployments = volunteer().postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=x",
        "--x\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n--x--\r\n");
    assertThat(deleteDeployments.status()).isIn(400, 403);
  }

  @Test
  void expressionInOrQueriesIsRefusedWhileTheFiltersKeepWorking() {
    Response attack = volunteer().post("/engine-rest/task",
        "{\"orQueries\": [{\"assigneeExpression\": \"" + ATTACK.replace("'", "\\u0027") + "\"}]}");
    assertThat(attack.status()).isEqualTo(400);
    assertThat(attack.json().get("message").asText()).contains("may not hold expressions");

    Response escaped = volunteer().post("/engine-rest/task/count",
        "{\"orQueries\": [{\"candidateGroupExpression\": \"\\u0024{'a'.getClass()}\"}]}");
    assertThat(escaped.status()).isEqualTo(400);

    Response inParameter = volunteer().get("/engine-rest/task?assigneeExpression=%24%7B'a'.getClass()%7D");
    assertThat(inParameter.status()).isEqualTo(400);

    Response hashSyntax = volunteer().post("/engine-rest/task", "{\"assigneeExpression\": \"#{1+1}\"}");
    assertThat(hashSyntax.status()).isEqualTo(400);

    Response throughWebapp = TasklistSession.login(port, "wang.fang", "demo").postToEngine("/task",
        "{\"orQueries\": [{\"assigneeExpression\": \"${'a'.getClass()}\"}]}");
    assertThat(throughWebapp.status()).isEqualTo(400);

    Response adminStoresEvilFilter = StationHttp.as(port, "admin", "admin").post("/engine-rest/filter/create",
        "{\"resourceType\": \"Task\", \"name\": \"evil\", \"owner\": \"admin\", \"query\": {\"orQueries\": "
            + "[{\"assigneeExpression\": \"${'a'.getClass()}\"}]}, \"properties\": {}}");
    assertThat(adminStoresEvilFilter.status()).isEqualTo(400);

    Response filters = volunteer().get("/engine-rest/filter?resourceType=Task");
    assertThat(filters.status()).isEqualTo(200);
    assertThat(filters.json().findValuesAsText("name")).contains("本组待办 (My group's open tasks)",
        "我认领的 (Claimed by me)", "已超时 (Overdue)");
    for (String filterId : filters.json().findValuesAsText("id")) {
      Response list = volunteer().post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
          "{\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}]}");
      assertThat(list.status()).as(list.text()).isEqualTo(200);
      assertThat(volunteer().get("/engine-rest/filter/" + filterId + "/count").status()).isEqualTo(200);
    }
  }

  @Test
  void tasklistStyleFilterWithAllowedFunctionsCanBeStored() {
    Response stored = StationHttp.as(port, "admin", "admin").post("/engine-rest/filter/create",
        "{\"resourceType\": \"Task\", \"name\": \"Due this week (本周到期)\", \"owner\": \"admin\", \"query\": "
            + "{\"candidateGroupsExpression\": \"${currentUserGroups()}\", "
            + "\"dueBeforeExpression\": \"${dateTime().plusDays(7).toDate()}\"}, \"properties\": {}}");

    assertThat(stored.status()).as(stored.text()).isEqualTo(200);
  }

  @Test
  void healthDetailsAreForAdministratorsOnly() {
    Response anybody = StationHttp.anonymous(port).get("/actuator/health");
    assertThat(anybody.status()).isEqualTo(200);
    assertThat(anybody.json().get("status").asText()).isEqualTo("UP");
    assertThat(anybody.json().has("components")).isFalse();
    assertThat(volunteer().get("/actuator/health").json().has("components")).as("volunteer").isFalse();
    assertThat(StationHttp.as(port, "chen.jing", "demo").get("/actuator/health").json().has("components"))
        .as("manager").isFalse();

    Response admin = StationHttp.as(port, "admin", "admin").get("/actuator/health");
    assertThat(admin.json().get("components").has("db")).isTrue();
    assertThat(admin.json().get("components").has("models")).isTrue();
  }

  @Autowired LoginThrottle throttle;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @Test
  void clientThatKeepsFailingToSignInWaitsWhileNoAccountIsLockedForGood() {
    throttle.forget("127.0.0.1");
    try {
      for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
        assertThat(StationHttp.as(port, "nobody.here", "guess" + i).get("/engine-rest/task").status()).isEqualTo(401);
        // A page that ignores credentials proves nothing and forgets nothing.
        assertThat(StationHttp.as(port, "nobody.here", "guess").get("/order.html").status()).isEqualTo(200);
      }
      assertThat(StationHttp.as(port, "nobody.here", "guess").get("/actuator/health").status())
          .as("the health page checks passwords like any sign-in").isEqualTo(401);
      Response waiting = StationHttp.as(port, "nobody.here", "guess").get("/engine-rest/task");
      assertThat(waiting.status()).isEqualTo(429);
      assertThat(waiting.json().get("message").asText()).startsWith("登录失败次数过多");
      Response evenTheRightPassword = volunteer().get("/api/residents?q=R-0002");
      assertThat(evenTheRightPassword.status()).as("the client waits, whoever it signs in as").isEqualTo(429);
    } finally {
      throttle.forget("127.0.0.1");
    }
    assertThat(volunteer().get("/api/residents?q=R-0002").status()).isEqualTo(200);
    assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getLoginMaxAttempts()).as("no permanent lock").isEqualTo(Integer.MAX_VALUE);
  }

  @Autowired PublicRateLimit publicRateLimit;

  @Test
  void pagesWithoutLoginAreLimitedPerClient() {
    publicRateLimit.forget("127.0.0.1");
    try {
      int answered = 0;
      Response last = null;
      for (int i = 0; i < PublicRateLimit.PER_MINUTE + 1; i++) {
        last = StationHttp.anonymous(port).get("/api/public/orders/ABCDEFGHJK");
        if (last.status() == 404) {
          answered++;
        }
      }
      // A minute may turn over during the loop; then the count starts again and nothing is refused yet.
      if (answered == PublicRateLimit.PER_MINUTE) {
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("error").asText()).startsWith("查询太频繁");
      } else {
        assertThat(answered).isEqualTo(PublicRateLimit.PER_MINUTE + 1);
      }
    } finally {
      publicRateLimit.forget("127.0.0.1");
    }
  }
}
