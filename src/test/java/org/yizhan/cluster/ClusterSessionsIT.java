package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * Shared sessions across two nodes on one PostgreSQL database (issue 16, item 4): a volunteer signed in to Tasklist on
 * node A works on node B with the same cookie, as a load balancer without sticky sessions would send her, keeps
 * working there after A is killed with SIGKILL, and her sign-out on B ends the session for every node, A restarted
 * included. An administrator's Cockpit session survives the same way. The nodes are started one after the other.
 */
class ClusterSessionsIT {

  private static final String DATABASE = "yizhan_it_cluster_sessions";
  private static final Duration READY = Duration.ofMinutes(4);
  private static final String ORDER = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""";
  private static final String ACCEPT = "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}";

  @Test
  void volunteerSignedInOnANodeThatDiesKeepsWorkingOnTheOtherUntilSheSignsOut() throws Exception {
    assumeTrue(FreshPostgres.available(), "Needs the PostgreSQL server at 127.0.0.1:5432: two nodes share a database");
    assumeTrue(AppNode.jarBuilt(), "Needs the packaged jar (target/yizhan-*.jar): run ./mvnw package first");
    long began = System.nanoTime();
    Path dir = Path.of("target", "cluster", "sessions").toAbsolutePath();
    try (FreshPostgres database = FreshPostgres.create(DATABASE);
        AppNode a = AppNode.create("node-a", dir.resolve("node-a"), AppNode.onPostgres(database.jdbcUrl()));
        AppNode b = AppNode.create("node-b", dir.resolve("node-b"), AppNode.onPostgres(database.jdbcUrl()))) {
      a.start().awaitReady(READY);
      b.start().awaitReady(READY);
      long nodesUp = System.nanoTime();

      TasklistSession volunteer = TasklistSession.login(a.port(), "wang.fang", "demo");
      TasklistSession admin = TasklistSession.login("cockpit", a.port(), "admin", "admin");
      String sessionId = sessionId(volunteer);
      assertThat(principalOf(database, sessionId)).as("the session row written by node A").isEqualTo("wang.fang");

      // The load balancer sends both to node B from now on: same cookies, same CSRF token, no new sign-in.
      volunteer.moveTo(b.port());
      admin.moveTo(b.port());
      Response me = volunteer.get("/camunda/api/admin/auth/user/default");
      assertThat(me.status()).as(me.text()).isEqualTo(200);
      assertThat(me.json().get("userId").asText()).isEqualTo("wang.fang");
      assertThat(volunteer.cookie("JSESSIONID")).as("B kept the session A started").isNotNull();
      assertThat(sessionId(volunteer)).isEqualTo(sessionId);

      Response placed = volunteer.post("/api/orders", ORDER);
      assertThat(placed.status()).as("/api on B with A's session: %s", placed.text()).isEqualTo(201);
      String orderNo = placed.json().get("orderNo").asText();
      String taskId = acceptTaskOf(volunteer, orderNo);
      Response form = volunteer.getFromEngine("/task/" + taskId + "/form-variables");
      assertThat(form.status()).as(form.text()).isEqualTo(200);
      Response claim = volunteer.postToEngine("/task/" + taskId + "/claim", "{\"userId\": \"wang.fang\"}");
      assertThat(claim.status()).as(claim.text()).isEqualTo(204);

      a.kill();
      long killed = System.nanoTime();

      Response complete = volunteer.postToEngine("/task/" + taskId + "/submit-form", ACCEPT);
      long firstAfterKill = System.nanoTime();
      assertThat(complete.status()).as("complete on B after A died: %s", complete.text()).isEqualTo(204);
      Response order = volunteer.get("/api/orders/" + orderNo);
      assertThat(order.status()).as(order.text()).isEqualTo(200);
      assertThat(order.json().get("status").asText()).isEqualTo("PROCURING");
      Response tasks = volunteer.getFromEngine("/task?processInstanceBusinessKey=" + orderNo
          + "&taskDefinitionKey=" + TASK_ACCEPT_ORDER);
      assertThat(tasks.status()).as(tasks.text()).isEqualTo(200);
      assertThat(tasksIn(tasks)).as("the accept task is done").isEmpty();

      Response statistics = admin.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
      assertThat(statistics.status()).as("Cockpit's dashboard on B after A died: %s", statistics.text())
          .isEqualTo(200);
      Response instances = admin.getFromEngine("/process-instance?businessKey=" + orderNo);
      assertThat(instances.status()).as(instances.text()).isEqualTo(200);
      assertThat(instances.json()).hasSize(1);

      Map<String, Integer> row = sessionRowBytes(database, sessionId);

      requestWhoseSessionIsSignedOutMeanwhileKeepsItsAnswer(database, b.port());

      assertThat(volunteer.logout().status()).isEqualTo(200);
      assertThat(principalOf(database, sessionId)).as("signing out deletes the session row").isNull();
      assertThat(volunteer.get("/api/orders/" + orderNo).status()).isEqualTo(401);

      a.start().awaitReady(READY);
      volunteer.moveTo(a.port());
      admin.moveTo(a.port());
      assertThat(volunteer.get("/camunda/api/admin/auth/user/default").status())
          .as("the signed-out cookie on the restarted node A").isEqualTo(404);
      assertThat(volunteer.get("/api/orders/" + orderNo).status()).isEqualTo(401);
      assertThat(volunteer.getFromEngine("/task?taskDefinitionKey=" + TASK_ACCEPT_ORDER).status()).isEqualTo(401);
      Response adminOnA = admin.getFromEngine("/process-instance?businessKey=" + orderNo);
      assertThat(adminOnA.status()).as("the administrator's session outlives A's restart: %s", adminOnA.text())
          .isEqualTo(200);

      System.out.printf("ClusterSessionsIT: nodes up after %d s, first request on B after the kill took %d ms,"
              + " whole test %d s; session row of wang.fang (bytes): %s%n",
          Duration.ofNanos(nodesUp - began).toSeconds(), Duration.ofNanos(firstAfterKill - killed).toMillis(),
          Duration.ofNanos(System.nanoTime() - began).toSeconds(), row);
    }
  }

  /**
   * A Tasklist request whose session row is deleted while it runs (another node signs the session out): its answer
   * stands, its save writes nothing, and the next request is not signed in. Right after signing in the session has no
   * CSRF token yet, so Tasklist's page adds one and Camunda sets its sign-in again. The delete is held open until the
   * save waits for it, so the order is certain. (Here Spring Session saves once the page is written, before Camunda
   * sets its sign-in again, so even the plain insert failed quietly; VanishedSessionSaveTest has the save that failed.)
   */
  private static void requestWhoseSessionIsSignedOutMeanwhileKeepsItsAnswer(FreshPostgres database, int port)
      throws Exception {
    TasklistSession tasklist = TasklistSession.notSignedIn(port);
    assertThat(tasklist.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=li.qiang&password=demo").status()).isEqualTo(200);
    String sessionId = sessionId(tasklist);
    try (Connection otherNode = database.connect();
        PreparedStatement signOut = otherNode.prepareStatement("delete from spring_session where session_id = ?")) {
      otherNode.setAutoCommit(false);
      signOut.setString(1, sessionId);
      assertThat(signOut.executeUpdate()).isOne();

      CompletableFuture<Response> running =
          CompletableFuture.supplyAsync(() -> tasklist.get("/camunda/app/tasklist/default/"));
      awaitASessionSaveWaitingForALock(database, running);
      otherNode.commit();

      Response answer = running.get();
      assertThat(answer.status()).as("the request whose session was deleted meanwhile: %s", answer.text())
          .isEqualTo(200);
    }
    assertThat(principalOf(database, sessionId)).as("nothing recreated").isNull();
    assertThat(tasklist.get("/camunda/api/admin/auth/user/default").status()).as("the next request").isEqualTo(404);
  }

  /** Until PostgreSQL shows the request's save of the session waiting for the delete (or the request ended). */
  private static void awaitASessionSaveWaitingForALock(FreshPostgres database, CompletableFuture<?> request)
      throws SQLException, InterruptedException {
    try (Connection connection = database.connect();
        PreparedStatement waiting = connection.prepareStatement("""
            select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
            and query ilike '%spring_session%'""")) {
      while (!request.isDone()) {
        try (ResultSet rows = waiting.executeQuery()) {
          if (rows.next() && rows.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    }
  }

  /** The accept task of the order, found as Tasklist finds a task: GET /task with query parameters. */
  private static String acceptTaskOf(TasklistSession tasklist, String orderNo) {
    Response tasks = tasklist.getFromEngine("/task?processInstanceBusinessKey=" + orderNo
        + "&taskDefinitionKey=" + TASK_ACCEPT_ORDER);
    assertThat(tasks.status()).as(tasks.text()).isEqualTo(200);
    assertThat(tasksIn(tasks)).hasSize(1);
    return tasksIn(tasks).get(0).get("id").asText();
  }

  /** The tasks of Tasklist's answer: HAL, the tasks under _embedded.task. */
  private static JsonNode tasksIn(Response answer) {
    return answer.json().get("_embedded").get("task");
  }

  /** Spring Session's cookie carries the session id in Base64. */
  private static String sessionId(TasklistSession browser) {
    return new String(Base64.getDecoder().decode(browser.cookie("JSESSIONID")), StandardCharsets.UTF_8);
  }

  private static String principalOf(FreshPostgres database, String sessionId) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement query = connection.prepareStatement(
            "select principal_name from spring_session where session_id = ?")) {
      query.setString(1, sessionId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  /** What the session takes in the database: its row and each attribute's serialized bytes. */
  private static Map<String, Integer> sessionRowBytes(FreshPostgres database, String sessionId) throws SQLException {
    Map<String, Integer> bytes = new LinkedHashMap<>();
    try (Connection connection = database.connect();
        PreparedStatement session = connection.prepareStatement(
            "select pg_column_size(s.*) from spring_session s where session_id = ?");
        PreparedStatement attributes = connection.prepareStatement("""
            select a.attribute_name, octet_length(a.attribute_bytes) from spring_session_attributes a
            join spring_session s on s.primary_id = a.session_primary_id where s.session_id = ?
            order by a.attribute_name""")) {
      session.setString(1, sessionId);
      try (ResultSet rows = session.executeQuery()) {
        bytes.put("spring_session row", rows.next() ? rows.getInt(1) : -1);
      }
      attributes.setString(1, sessionId);
      try (ResultSet rows = attributes.executeQuery()) {
        while (rows.next()) {
          bytes.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return bytes;
  }
}
