package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TestFolders;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;
import org.yizhan.support.cluster.StationTraffic;

/**
 * {@code kill -9} under load, on the embedded H2 default and on a two-node PostgreSQL cluster: every order the station
 * answered 201 and every acceptance it answered 204 is still there after the crash, no task is half completed, no
 * order is without its process or the reverse, and a client that retries what got no answer, with the same
 * Idempotency-Key, gets one order, never two. On the cluster, the accept timers the dead node had taken are run by the
 * other node, once each.
 *
 * <p>Size: {@code -Dcrash.seconds} (load before the kill, default 8) and {@code -Dcrash.clients} (default 4); the
 * figures are printed as {@code [crash]} lines. {@code -Dcrash.h2Url=jdbc:h2:file:./data/yizhan;WRITE_DELAY=500} runs the
 * H2 node with H2's own default write delay, which this test catches losing acknowledged orders.
 */
class CrashSafetyIT {

  private static final Duration START = Duration.ofMinutes(4);
  private static final int LOAD_SECONDS = Integer.getInteger("crash.seconds", 8);
  private static final int CLIENTS = Integer.getInteger("crash.clients", 4);

  @Test
  void h2NodeKilledUnderLoadKeepsEveryAcknowledgedOrderAndAcceptance() throws Exception {
    Path dir = fresh("crash-h2");
    // The node's own folder, as `./mvnw spring-boot:run` has it: ./data is its database, with application.yaml's URL,
    // unless -Dcrash.h2Url gives another (";WRITE_DELAY=500", H2's default, shows what the setting prevents).
    String h2Url = System.getProperty("crash.h2Url");
    List<String> args = h2Url == null ? List.of() : List.of("--spring.datasource.url=" + h2Url);
    try (AppNode node = AppNode.create("h2-node", dir, args).start().awaitReady(START)) {
      StationTraffic traffic = StationTraffic.start(List.of(node), CLIENTS);
      Thread.sleep(LOAD_SECONDS * 1000L);
      node.kill();
      traffic.close();

      String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/data/yizhan;QUERY_CACHE_SIZE=256;WRITE_DELAY=0";
      try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
        assertNothingAcknowledgedWasLost("H2", new StationRecords(connection), traffic);
      }

      node.start().awaitReady(START);
      retryUnanswered(node, traffic);
      node.stop();
      try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
        assertNoRequestPlacedTwice(new StationRecords(connection));
      }
    }
  }

  @Test
  void clusterNodeKilledUnderLoadLosesNothingAndItsTimersRunOnceElsewhere() throws Exception {
    assumeTrue(FreshPostgres.available(), "No PostgreSQL at 127.0.0.1:5432: the cluster crash test needs it");
    Path dir = fresh("crash-cluster");
    // Short accept timeouts, so that timers fall due all through the run; a short lock, so the test need not wait the
    // production minute for the dead node's jobs.
    String[] settings = {"--yizhan.order.accept-timeout=PT3S", "--camunda.bpm.job-execution.lock-time-in-millis=10000",
        "--camunda.bpm.job-execution.max-wait=2000", "--yizhan.models-check-interval=0"};
    try (FreshPostgres database = FreshPostgres.create("yizhan_crash_cluster");
        AppNode a = AppNode.create("node-a", dir.resolve("a"), AppNode.onPostgres(database.jdbcUrl(), settings));
        AppNode b = AppNode.create("node-b", dir.resolve("b"), AppNode.onPostgres(database.jdbcUrl(), settings))) {
      a.start().awaitReady(START);
      b.start().awaitReady(START);
      StationTraffic traffic = StationTraffic.start(List.of(a, b), CLIENTS);
      Thread.sleep(LOAD_SECONDS * 1000L);
      a.kill();
      long killedAt = System.nanoTime();
      Thread.sleep(2000); // node b's clients keep working a little
      traffic.close();
      retryUnanswered(b, traffic);

      try (Connection connection = database.connect()) {
        StationRecords records = new StationRecords(connection);
        assertNothingAcknowledgedWasLost("PostgreSQL, 2 nodes", records, traffic);
        assertNoRequestPlacedTwice(records);

        // Every order nobody accepted is chased once its timer fired: those whose timer node a had locked too.
        Set<String> waiting = records.ordersWaitingForAcceptance();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!records.chasedOrders().containsAll(waiting) && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertThat(records.chasedOrders()).as("every unaccepted order chased").containsAll(waiting);
        assertThat(records.ordersChasedTwice()).as("orders whose accept timer ran twice").isEmpty();
        System.out.printf("[crash] cluster: %d unaccepted orders all chased once, the last %.1f s after node a was "
            + "killed (lock time 10 s, max wait 2 s)%n", waiting.size(), seconds);
      }
    }
  }

  private static void assertNothingAcknowledgedWasLost(String where, StationRecords records, StationTraffic traffic)
      throws Exception {
    Set<String> acknowledged = new HashSet<>();
    traffic.placed().values().forEach(placed -> acknowledged.add(placed.orderNo()));
    System.out.printf("[crash] %s: killed after %d s with %d clients: %d orders answered 201, %d acceptances answered "
            + "204, %d order requests without an answer; refused: %d %s%n", where, LOAD_SECONDS, CLIENTS,
        acknowledged.size(), traffic.accepted().size(), traffic.unanswered().size(), traffic.refusals().size(),
        traffic.refusals().stream().limit(3).toList());
    assertThat(acknowledged).as("orders answered 201").isNotEmpty();
    assertThat(traffic.accepted()).as("acceptances answered 204").isNotEmpty();

    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(records.orderNumbers());
    Set<String> lostAcceptances = new HashSet<>(traffic.accepted());
    lostAcceptances.removeAll(records.acceptedOrders());
    System.out.printf("[crash] %s after the kill: %d of %d acknowledged orders lost, %d of %d acknowledged acceptances "
        + "lost%n", where, lost.size(), acknowledged.size(), lostAcceptances.size(), traffic.accepted().size());
    assertThat(lost).as("acknowledged orders missing after the crash").isEmpty();
    assertThat(lostAcceptances).as("acknowledged acceptances missing after the crash").isEmpty();
    assertThat(records.ordersWithoutProcess()).as("orders without their process").isEmpty();
    assertThat(records.processesWithoutOrder()).as("processes without their order").isEmpty();
    assertThat(records.ordersWithTwoProcesses()).as("orders with two processes").isEmpty();
    assertThat(records.halfCompletedAcceptTasks()).as("half-completed accept tasks").isEmpty();
    assertThat(records.stuckProcesses()).as("running orders with nothing to do").isEmpty();
    assertThat(records.keysWithoutOrder()).as("idempotency keys without their order").isEmpty();
  }

  /** What a client does when its request got no answer: the same request with the same key, on a node that is up. */
  private static void retryUnanswered(AppNode node, StationTraffic traffic) {
    int replayed = 0;
    for (String unanswered : traffic.unanswered()) {
      String[] keyAndNumber = unanswered.split(" ");
      Response answer = StationTraffic.desk(node).post("/api/orders",
          StationTraffic.orderBody(Integer.parseInt(keyAndNumber[1])), "Idempotency-Key", keyAndNumber[0]);
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      if ("true".equals(answer.header("Idempotent-Replayed"))) {
        replayed++;
      }
    }
    // A sample of the answered ones: the same request again gets the same order back, not a second one.
    traffic.placed().values().stream().limit(20).forEach(placed -> {
      Response again = StationTraffic.desk(node).post("/api/orders", StationTraffic.orderBody(placed.request()),
          "Idempotency-Key", placed.key());
      assertThat(again.status()).as(again.text()).isEqualTo(201);
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(again.json().get("orderNo").asText()).isEqualTo(placed.orderNo());
    });
    System.out.printf("[crash] retried %d unanswered order requests: %d had been registered before the crash "
        + "(answered with that order), %d were registered now%n", traffic.unanswered().size(), replayed,
        traffic.unanswered().size() - replayed);
  }

  private static void assertNoRequestPlacedTwice(StationRecords records) throws Exception {
    assertThat(records.requestsPlacedTwice()).as("client requests that became two orders").isEmpty();
  }

  private static Path fresh(String name) throws Exception {
    Path dir = Path.of("target", "cluster", name).toAbsolutePath();
    TestFolders.deleteRecursively(dir);
    return dir;
  }
}
