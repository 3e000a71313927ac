package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * Backup and restore as docs/operations.md tells an operator to do them, on the packaged jar: orders are placed and
 * worked part way, a backup is taken while another client keeps placing orders, the node is killed, the backup is
 * restored into a new place and a node started on it. Every order acknowledged before the backup began is there with
 * its process, work done after the backup is not, and each open order can be worked to its end by the users whose tasks
 * they are.
 *
 * <p>H2: the online backup ({@code POST /actuator/backup}) and H2's Restore tool run from the jar alone. PostgreSQL:
 * {@code pg_dump -Fc} of the running station and {@code pg_restore} into a new empty database.
 */
class BackupRestoreIT {

  private static final Duration START = Duration.ofMinutes(4);
  private static final String ORDER = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""";
  /** Orders placed and worked before the backup: untouched, accepted, or with the goods at the station. */
  private static final int ORDERS_BEFORE = 9;
  /** Orders the second client places before the backup is started, and after it has answered. */
  private static final int CONCURRENT_BEFORE = 4;
  private static final int CONCURRENT_AFTER = 3;

  /** Who works each task of an order (a resident's rice, picked up at the station), and what they enter. */
  private static final Map<String, Work> WORK = new LinkedHashMap<>();

  static {
    WORK.put(TASK_ACCEPT_ORDER, new Work("wang.fang", "{\"acceptDecision\": {\"value\": \"ACCEPT\"}}"));
    WORK.put(TASK_CONFIRM_STOCK, new Work("hetao.market",
        "{\"stockAvailable\": {\"value\": \"YES\"}, \"confirmedGoodsTotal\": {\"value\": 32.5}}"));
    WORK.put(TASK_DELIVER_TO_STATION, new Work("hetao.market", "{\"deliveredToStation\": {\"value\": true}}"));
    WORK.put(TASK_CHECK_GOODS, new Work("li.qiang", "{\"goodsCheck\": {\"value\": \"PASSED\"}}"));
    WORK.put(TASK_HAND_OVER_AT_STATION, new Work("wang.fang",
        "{\"receivedBy\": {\"value\": \"Liu\"}, \"satisfaction\": {\"value\": \"5\"}}"));
  }

  record Work(String user, String variables) {}

  /** An order the second client placed: when it was sent and when its 201 came back (System.nanoTime). */
  record Placed(String orderNo, long sentAt, long acknowledgedAt) {}

  /** What the backup holds, as the clients saw it. */
  record AtBackup(JsonNode answer, List<String> certainlyIn, List<String> maybeIn, List<String> certainlyNotIn,
      String workedAfter) {}

  @Test
  void h2OnlineBackupTakenWhileOrdersArePlacedRestoresEveryOrderAndEachGoesOnToItsEnd(@TempDir Path temp)
      throws Exception {
    assumeTrue(AppNode.jarBuilt(), "needs the packaged jar: ./mvnw package first (failsafe runs after package)");
    Path station = temp.resolve("station");
    Path restored = temp.resolve("restored");
    AtBackup atBackup;
    try (AppNode node = AppNode.create("h2-station", station, List.of(onH2File(station))).start()) {
      node.awaitReady(START);
      atBackup = backUpWhileOrdersArePlaced(node, () -> {
        Response answer = admin(node).postRaw("/actuator/backup", "application/json", "");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
      });
      node.kill();
    }
    JsonNode backup = atBackup.answer();
    String file = backup.get("file").asText();
    assertThat(file).matches("yizhan-\\d{8}-\\d{6}(-\\d+)?\\.zip");
    Path zip = station.resolve("backups").resolve(file);
    assertThat(Files.size(zip)).as("the answer says the file's size").isEqualTo(backup.get("bytes").asLong());

    // docs/operations.md: H2's Restore tool from the station's jar, into the data folder of the new place.
    Files.createDirectories(restored);
    run(restored, javaBinary(), "-cp", AppNode.jar().toString(), "-Dloader.main=org.h2.tools.Restore",
        "org.springframework.boot.loader.launch.PropertiesLauncher", "-file", zip.toString(), "-dir", "data",
        "-db", "yizhan");
    assertThat(restored.resolve("data/yizhan.mv.db")).exists();

    try (AppNode node = AppNode.create("h2-restored", restored, List.of(onH2File(restored))).start()) {
      node.awaitReady(START);
      everyOrderOfTheBackupIsThereAndGoesOnToItsEnd(node, atBackup);
    }
  }

  @Test
  void postgresDumpOfTheRunningStationRestoredIntoANewDatabaseCarriesEveryOrderOnToItsEnd(@TempDir Path temp)
      throws Exception {
    assumeTrue(AppNode.jarBuilt(), "needs the packaged jar: ./mvnw package first (failsafe runs after package)");
    assumeTrue(FreshPostgres.available(), "PostgreSQL is not running at 127.0.0.1:5432: the PostgreSQL restore is not tried");
    assumeTrue(installed("pg_dump") && installed("pg_restore"),
        "pg_dump or pg_restore is not installed: the PostgreSQL restore is not tried");
    Path dump = temp.resolve("yizhan.dump");
    AtBackup atBackup;
    try (FreshPostgres source = FreshPostgres.create("backup_restore_it_source");
        FreshPostgres copy = FreshPostgres.create("backup_restore_it_copy")) {
      try (AppNode node = AppNode.create("pg-station", temp.resolve("station"),
          AppNode.onPostgres(source.jdbcUrl())).start()) {
        node.awaitReady(START);
        Response notHere = admin(node).postRaw("/actuator/backup", "application/json", "");
        assertThat(notHere.status()).as(notHere.text()).isEqualTo(409);
        assertThat(notHere.json().get("error").asText()).as("says what to use instead, Chinese first")
            .startsWith("驿站用的是 PostgreSQL 数据库，请用 pg_dump 备份").contains("pg_dump");

        // docs/operations.md: pg_dump while the station runs; nothing is stopped.
        atBackup = backUpWhileOrdersArePlaced(node, () -> {
          run(temp, "pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f", dump.toString(),
              "backup_restore_it_source");
          return null;
        });
        node.kill();
      }
      // docs/operations.md: into a new, empty database.
      run(temp, "pg_restore", "-h", "127.0.0.1", "-U", "postgres", "-d", "backup_restore_it_copy", "--no-owner",
          "--exit-on-error", dump.toString());
      try (Connection connection = copy.connect(); Statement sql = connection.createStatement()) {
        assertThat(count(sql, "select count(*) from flyway_schema_history where success"))
            .as("Flyway's history came along: the restored station does not migrate again").isPositive();
        assertThat(count(sql, "select count(*) from act_ge_property")).as("Camunda's tables").isPositive();
        assertThat(count(sql, "select count(*) from station_order")).as("Yizhan's tables").isPositive();
      }
      try (AppNode node = AppNode.create("pg-restored", temp.resolve("restored"),
          AppNode.onPostgres(copy.jdbcUrl())).start()) {
        node.awaitReady(START);
        everyOrderOfTheBackupIsThereAndGoesOnToItsEnd(node, atBackup);
      }
    }
  }

  // ----- before the backup

  interface BackupStep {
    JsonNode take() throws Exception;
  }

  /**
   * Places orders and works them part way, then takes the backup while a second client keeps placing orders, and
   * after it completes one more task: work the backup cannot hold.
   */
  private static AtBackup backUpWhileOrdersArePlaced(AppNode node, BackupStep backup) throws Exception {
    List<String> ordersBefore = new ArrayList<>();
    for (int i = 0; i < ORDERS_BEFORE; i++) {
      String orderNo = place(node);
      ordersBefore.add(orderNo);
      if (i % 3 >= 1) {
        work(node, orderNo, TASK_ACCEPT_ORDER);
      }
      if (i % 3 == 2) {
        work(node, orderNo, TASK_CONFIRM_STOCK);
        work(node, orderNo, TASK_DELIVER_TO_STATION);
      }
    }
    String workedAfter = ordersBefore.get(0);

    List<Placed> placed = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread secondClient = new Thread(() -> {
      try {
        while (!stop.get()) {
          long sentAt = System.nanoTime();
          String orderNo = place(node);
          placed.add(new Placed(orderNo, sentAt, System.nanoTime()));
        }
      } catch (Throwable failure) {
        failures.add(failure);
      }
    }, "second-client");
    secondClient.start();
    try {
      waitFor(() -> placed.size() >= CONCURRENT_BEFORE || !failures.isEmpty());
      long backupSent = System.nanoTime();
      JsonNode answer = backup.take();
      long backupAnswered = System.nanoTime();
      int atAnswer = placed.size();
      waitFor(() -> placed.size() >= atAnswer + CONCURRENT_AFTER || !failures.isEmpty());
      stop.set(true);
      secondClient.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(failures).as("the second client's orders were all accepted").isEmpty();

      work(node, workedAfter, TASK_ACCEPT_ORDER);

      List<String> certainlyIn = new ArrayList<>(ordersBefore);
      List<String> maybeIn = new ArrayList<>();
      List<String> certainlyNotIn = new ArrayList<>();
      for (Placed order : placed) {
        if (order.acknowledgedAt() < backupSent) {
          certainlyIn.add(order.orderNo());
        } else if (order.sentAt() > backupAnswered) {
          certainlyNotIn.add(order.orderNo());
        } else {
          maybeIn.add(order.orderNo());
        }
      }
      assertThat(certainlyNotIn).as("orders placed after the backup").isNotEmpty();
      System.out.printf("BackupRestoreIT: %d orders acknowledged before the backup, %d placed while it ran, %d after%n",
          certainlyIn.size(), maybeIn.size(), certainlyNotIn.size());
      return new AtBackup(answer, certainlyIn, maybeIn, certainlyNotIn, workedAfter);
    } finally {
      stop.set(true);
      secondClient.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  // ----- after the restore

  private static void everyOrderOfTheBackupIsThereAndGoesOnToItsEnd(AppNode node, AtBackup atBackup) {
    for (String orderNo : atBackup.certainlyNotIn()) {
      assertThat(admin(node).get("/api/orders/" + orderNo).status()).as(orderNo + ", placed after the backup")
          .isEqualTo(404);
    }
    assertThat(openTaskKeys(node, atBackup.workedAfter()))
        .as("the task completed after the backup is open again: that work is lost")
        .containsExactly(TASK_ACCEPT_ORDER);

    List<String> restored = new ArrayList<>(atBackup.certainlyIn());
    for (String orderNo : atBackup.maybeIn()) {
      // Placed while the backup ran: in it or not, but never an order without its process.
      if (admin(node).get("/api/orders/" + orderNo).status() == 200) {
        restored.add(orderNo);
      }
    }
    for (String orderNo : restored) {
      Response order = admin(node).get("/api/orders/" + orderNo);
      assertThat(order.status()).as(orderNo + " is in the restore: " + order.text()).isEqualTo(200);
      String instance = order.json().get("processInstanceId").asText();
      assertThat(admin(node).get("/engine-rest/process-instance/" + instance).status())
          .as(orderNo + "'s process is running").isEqualTo(200);
      workToTheEnd(node, orderNo);
      assertThat(admin(node).get("/api/orders/" + orderNo).json().get("status").asText()).as(orderNo)
          .isEqualTo("COMPLETED");
      assertThat(admin(node).get("/engine-rest/history/process-instance/" + instance).json().get("state").asText())
          .as(orderNo + "'s process ended").isEqualTo("COMPLETED");
    }
    System.out.printf("BackupRestoreIT: %d orders restored and worked to COMPLETED on %s%n", restored.size(),
        node.name());
  }

  /** Completes the order's open tasks, one after the other, as the users whose tasks they are. */
  private static void workToTheEnd(AppNode node, String orderNo) {
    for (int step = 0; step < 20; step++) {
      List<String> open = openTaskKeys(node, orderNo);
      if (open.isEmpty()) {
        return;
      }
      for (String key : open) {
        work(node, orderNo, key);
      }
    }
    throw new AssertionError(orderNo + " still has open tasks after 20 rounds: " + openTaskKeys(node, orderNo));
  }

  // ----- the station's API, as its users call it

  private static String place(AppNode node) {
    Response placed = StationHttp.as(node.port(), "wang.fang", "demo").post("/api/orders", ORDER);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderNo").asText();
  }

  private static void work(AppNode node, String orderNo, String taskKey) {
    Work work = WORK.get(taskKey);
    assertThat(work).as("who works " + taskKey + " of " + orderNo).isNotNull();
    StationHttp user = StationHttp.as(node.port(), work.user(), "demo");
    List<String> tasks = user.get("/engine-rest/task?processInstanceBusinessKey=" + orderNo + "&taskDefinitionKey="
        + taskKey).json().findValuesAsText("id");
    assertThat(tasks).as(work.user() + " sees " + taskKey + " of " + orderNo).hasSize(1);
    String task = tasks.get(0);
    Response claimed = user.post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"" + work.user() + "\"}");
    assertThat(claimed.status()).as(claimed.text()).isEqualTo(204);
    Response completed = user.post("/engine-rest/task/" + task + "/complete", "{\"variables\": " + work.variables() + "}");
    assertThat(completed.status()).as(taskKey + " of " + orderNo + ": " + completed.text()).isEqualTo(204);
  }

  private static List<String> openTaskKeys(AppNode node, String orderNo) {
    Response tasks = admin(node).get("/engine-rest/task?processInstanceBusinessKey=" + orderNo);
    assertThat(tasks.status()).as(tasks.text()).isEqualTo(200);
    return tasks.json().findValuesAsText("taskDefinitionKey");
  }

  private static StationHttp admin(AppNode node) {
    return StationHttp.as(node.port(), "admin", "admin");
  }

  // ----- the operator's commands

  private static String onH2File(Path workDir) {
    return "--spring.datasource.url=jdbc:h2:file:" + workDir.toAbsolutePath().resolve("data/yizhan")
        + ";QUERY_CACHE_SIZE=256";
  }

  /** Runs a command as an operator would, in the directory given; fails with its output unless it exits with 0. */
  private static void run(Path directory, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
  }

  private static boolean installed(String binary) {
    try {
      Process process = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException notThere) {
      return false;
    }
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited two minutes for the second client").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
