package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.yizhan.order.OrderProcess.TASK_CHASE_UNACCEPTED_ORDER;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TestFolders;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;
import org.yizhan.support.cluster.StationTraffic;

/**
 * A timer runs once across two nodes, also when the node that took it is slow or dies while running it.
 *
 * <p>To catch a node in the middle of a job, the test holds the order's row locked ({@code select … for update}): the
 * accept timer of the order writes the order's progress, so the node that took the job waits on that lock, alive and
 * slow. Which node took it is read from PostgreSQL (each node names its connections). Then either that node is killed,
 * and the other node takes the job once its lock has expired, or it is left to be slow, and a job executor takes the
 * job again once its lock has expired (the other node's, or another thread of the slow node's own: both happen); of
 * the two attempts only one commits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobTakeoverIT {

  private static final Duration START = Duration.ofMinutes(4);
  /** Shorter than production's minute, so that the test waits seconds; the mechanism is the same. */
  private static final long LOCK_MILLIS = 8000;
  private static final long MAX_WAIT_MILLIS = 2000;

  private static FreshPostgres database;
  private static Map<String, AppNode> nodes;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    assumeTrue(FreshPostgres.available(), "No PostgreSQL at 127.0.0.1:5432: the job takeover test needs it");
    assumeTrue(AppNode.jarBuilt(), "No packaged jar: run ./mvnw package first");
    Path dir = Path.of("target", "cluster", "job-takeover").toAbsolutePath();
    TestFolders.deleteRecursively(dir);
    database = FreshPostgres.create("yizhan_job_takeover");
    AppNode a = node("node-a", dir);
    AppNode b = node("node-b", dir);
    a.start().awaitReady(START);
    b.start().awaitReady(START);
    nodes = Map.of("node-a", a, "node-b", b);
  }

  private static AppNode node(String name, Path dir) throws Exception {
    return AppNode.create(name, dir.resolve(name), AppNode.onPostgres(database.jdbcUrl(),
        "--spring.datasource.hikari.data-source-properties.ApplicationName=" + name,
        "--yizhan.order.accept-timeout=PT2S", "--yizhan.models-check-interval=0",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
        "--camunda.bpm.job-execution.max-wait=" + MAX_WAIT_MILLIS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      for (AppNode node : nodes.values()) {
        node.kill();
      }
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void aSlowNodeStillRunningAnExpiredJobLosesToTheAttemptThatTookItOver() throws Exception {
    AppNode desk = nodes.get("node-a");
    try (Connection test = database.connect()) {
      String orderNo = placeOrder(desk);
      test.setAutoCommit(false);
      lockOrderRow(test, orderNo);
      String slowNode = awaitNodeWaitingOnTheOrder(test, orderNo, Duration.ofSeconds(30));
      String firstTaking = acceptTimer(test, orderNo, "j.rev_");
      // The slow attempt holds the job past its lock; a job executor takes it again (the other node's, or another
      // thread of the slow node's own) and its attempt waits on the same row.
      awaitTrue(() -> !firstTaking.equals(acceptTimer(test, orderNo, "j.rev_")), Duration.ofSeconds(30),
          "the job is taken again once its lock has expired");
      test.commit(); // both go on now; the attempt whose lock expired must lose at its commit
      test.setAutoCommit(true);

      awaitTrue(() -> acceptTimerGone(test, orderNo), Duration.ofSeconds(30), "the timer has run");
      assertThat(chaseTasks(test, orderNo)).as("chase tasks of " + orderNo).isEqualTo(1);
      assertThat(progressRows(test, orderNo, "ACCEPT_OVERDUE")).as("progress written once").isEqualTo(1);
      assertThat(nodes.get(slowNode).isAlive()).isTrue();
      System.out.printf("[jobs] slow node %s kept the accept timer of %s past its %d ms lock; the job was taken again "
          + "and ran once: 1 chase task, 1 progress row%n", slowNode, orderNo, LOCK_MILLIS);
    }
  }

  @Test
  @Order(2)
  void aNodeKilledWhileRunningAJobLeavesItToTheOtherNodeOnceItsLockExpires() throws Exception {
    try (Connection test = database.connect()) {
      String orderNo = placeOrder(nodes.get("node-a"));
      test.setAutoCommit(false);
      lockOrderRow(test, orderNo);
      String dying = awaitNodeWaitingOnTheOrder(test, orderNo, Duration.ofSeconds(30));
      Timestamp lockExpires = lockExpiryOfAcceptTimer(test, orderNo);
      nodes.get(dying).kill();
      long killedAt = System.currentTimeMillis();
      test.commit();
      test.setAutoCommit(true);

      awaitTrue(() -> chaseTasks(test, orderNo) > 0, Duration.ofMillis(LOCK_MILLIS + MAX_WAIT_MILLIS + 30_000),
          "the surviving node runs the dead node's timer");
      Timestamp chased = chaseTaskCreated(test, orderNo);
      assertThat(chaseTasks(test, orderNo)).isEqualTo(1);
      assertThat(progressRows(test, orderNo, "ACCEPT_OVERDUE")).isEqualTo(1);
      assertThat(chased).as("not taken over while the dead node's lock was valid").isAfterOrEqualTo(lockExpires);
      System.out.printf("[jobs] %s was killed while running the accept timer of %s; the other node ran it %.1f s after "
          + "the kill, %.1f s after the lock expired (lock %d ms, max wait %d ms)%n", dying, orderNo,
          (chased.getTime() - killedAt) / 1000.0, (chased.getTime() - lockExpires.getTime()) / 1000.0, LOCK_MILLIS,
          MAX_WAIT_MILLIS);
    }
  }

  private static String placeOrder(AppNode node) {
    Response placed = StationTraffic.desk(node).post("/api/orders", StationTraffic.orderBody(1));
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderNo").asText();
  }

  private static void lockOrderRow(Connection test, String orderNo) throws SQLException {
    try (PreparedStatement lock = test.prepareStatement("select order_no from station_order where order_no = ? for update")) {
      lock.setString(1, orderNo);
      lock.executeQuery().close();
    }
  }

  /** The node (its connections' application name) whose job waits on the test's lock of the order. */
  private static String awaitNodeWaitingOnTheOrder(Connection test, String orderNo, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (PreparedStatement waiting = test.prepareStatement("select application_name from pg_stat_activity "
          + "where datname = current_database() and wait_event_type = 'Lock' and application_name like 'node-%'");
          ResultSet rows = waiting.executeQuery()) {
        if (rows.next()) {
          return rows.getString(1);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No node ran the accept timer of " + orderNo + " within " + timeout);
  }

  private static Timestamp lockExpiryOfAcceptTimer(Connection test, String orderNo) throws SQLException {
    return Timestamp.valueOf(acceptTimer(test, orderNo, "j.lock_exp_time_"));
  }

  private static boolean acceptTimerGone(Connection test, String orderNo) throws SQLException {
    return acceptTimer(test, orderNo, "j.id_") == null;
  }

  private static String acceptTimer(Connection test, String orderNo, String column) throws SQLException {
    try (PreparedStatement query = test.prepareStatement("select " + column + " from act_ru_job j "
        + "join act_ru_execution e on e.id_ = j.process_instance_id_ where e.business_key_ = ? "
        + "and j.handler_type_ = 'timer-transition'")) {
      query.setString(1, orderNo);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static int chaseTasks(Connection test, String orderNo) throws SQLException {
    return count(test, "select count(*) from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where p.business_key_ = ? and t.task_def_key_ = '" + TASK_CHASE_UNACCEPTED_ORDER + "'", orderNo);
  }

  private static Timestamp chaseTaskCreated(Connection test, String orderNo) throws SQLException {
    try (PreparedStatement query = test.prepareStatement("select t.start_time_ from act_hi_taskinst t "
        + "join act_hi_procinst p on p.id_ = t.proc_inst_id_ where p.business_key_ = ? "
        + "and t.task_def_key_ = '" + TASK_CHASE_UNACCEPTED_ORDER + "'")) {
      query.setString(1, orderNo);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getTimestamp(1);
      }
    }
  }

  private static int progressRows(Connection test, String orderNo, String step) throws SQLException {
    try (PreparedStatement query = test.prepareStatement(
        "select count(*) from station_order_progress where order_no = ? and step = ?")) {
      query.setString(1, orderNo);
      query.setString(2, step);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static int count(Connection test, String sql, String parameter) throws SQLException {
    try (PreparedStatement query = test.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static void awaitTrue(Callable<Boolean> condition, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Not within " + timeout + ": " + what);
  }
}
