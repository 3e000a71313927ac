package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yizhan.support.TestFolders;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * Issue 16, item 2: the database is the one source of the models of a cluster. Two nodes with their own copies of
 * processes/ and a third without one share a fresh PostgreSQL database; a manager saves an edit in the first node's
 * folder.
 */
class ClusterModelsIT {

  private static final Duration START = Duration.ofMinutes(4);
  private static final Duration NOTICE = Duration.ofMinutes(1);
  private static final String OLD_LABEL = "驿站接单 (Accept order)";
  private static final String NEW_LABEL = "驿站接单 (Accept the order)";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aSavedEditBecomesOneVersionThatNoOtherNodeUndoes() throws Exception {
    assumeTrue(FreshPostgres.available(), "PostgreSQL at 127.0.0.1:5432 is not running: the cluster test needs it");
    assumeTrue(AppNode.jarBuilt(), "No target/yizhan-*.jar: the cluster test runs the packaged jar (failsafe, after package)");
    Instant began = Instant.now();
    Path root = Path.of("target", "cluster-models").toAbsolutePath();
    deleteRecursively(root);
    List<AppNode> nodes = new ArrayList<>();
    try (FreshPostgres database = FreshPostgres.create("yizhan_cluster_models")) {
      AppNode a = node("node-a", root.resolve("a"), database, true, nodes);
      a.start().awaitReady(START);
      AppNode b = node("node-b", root.resolve("b"), database, true, nodes);
      b.start().awaitReady(START);
      assertThat(stationOrderVersions(a)).as("two nodes with the same files deploy them once").isEqualTo(1);
      assertThat(processesDeployments(database)).isEqualTo(1);

      Path edited = a.workDir().resolve("processes/station-order.bpmn");
      Files.writeString(edited, Files.readString(edited, StandardCharsets.UTF_8).replace(OLD_LABEL, NEW_LABEL),
          StandardCharsets.UTF_8);
      awaitTrue(() -> stationOrderVersions(a) == 2, "node A deploys the saved edit", a);
      assertThat(stationOrderXml(b)).as("the newest version is the edit, seen from B").contains(NEW_LABEL);

      // B's folder still has the old file. Make B look at it (a new modification time moves its fingerprint), and
      // wait until its log says it looked ("Models in <folder>: …" ends every look, whatever it decided).
      String looked = "Models in " + b.workDir().resolve("processes");
      int lookedBefore = count(b, looked);
      Path stale = b.workDir().resolve("processes/station-order.bpmn");
      Files.setLastModifiedTime(stale, FileTime.from(Instant.now().plusSeconds(5)));
      awaitTrue(() -> count(b, looked) > lookedBefore, "node B checks its folder", b);
      assertThat(count(b, "没有再部署")).as("B reports its copy as older than the database").isPositive();
      assertThat(stationOrderVersions(b)).as("B's older copy is not deployed back").isEqualTo(2);

      b.stop();
      b.start().awaitReady(START);
      assertThat(stationOrderVersions(b)).as("after B's restart: still v2, never v3").isEqualTo(2);
      assertThat(stationOrderXml(b)).contains(NEW_LABEL);
      assertThat(get(b, "/api/models/status", "chen.jing", "demo").body())
          .contains("station-order.bpmn", "OLDER_THAN_DEPLOYED");

      AppNode c = node("node-c", root.resolve("c"), database, false, nodes);
      c.start().awaitReady(START);
      assertThat(Files.exists(c.workDir().resolve("processes"))).isFalse();
      assertThat(stationOrderVersions(c)).as("a node without a folder deploys nothing").isEqualTo(2);
      assertThat(processesDeployments(database)).as("the first deployment and the edit").isEqualTo(2);
      assertThat(stationOrderXml(c)).contains(NEW_LABEL);
    } finally {
      for (AppNode node : nodes) {
        node.kill();
      }
      System.out.println("ClusterModelsIT took " + Duration.between(began, Instant.now()).toSeconds() + " s");
    }
  }

  private static AppNode node(String name, Path workDir, FreshPostgres database, boolean withFolder,
      List<AppNode> nodes) throws IOException {
    Files.createDirectories(workDir);
    if (withFolder) {
      TestFolders.copy(Path.of("processes"), workDir.resolve("processes"));
    }
    AppNode node = AppNode.create(name, workDir,
        AppNode.onPostgres(database.jdbcUrl(), "--yizhan.models-check-interval=500"));
    nodes.add(node);
    return node;
  }

  private static int stationOrderVersions(AppNode node) {
    String body = get(node, "/engine-rest/process-definition/count?key=station-order", "admin", "admin").body();
    Matcher count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
    assertThat(count.find()).as(body).isTrue();
    return Integer.parseInt(count.group(1));
  }

  private static String stationOrderXml(AppNode node) {
    return get(node, "/engine-rest/process-definition/key/station-order/xml", "admin", "admin").body();
  }

  private static HttpResponse<String> get(AppNode node, String path, String user, String password) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path)))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return response;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(node.name() + " did not answer " + path, e);
    }
  }

  private static long processesDeployments(FreshPostgres database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from act_re_deployment where name_ = 'processes'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static int count(AppNode node, String text) {
    try {
      return (int) Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for something the node does on its own; fails with the node's log when it never happens. */
  private static void awaitTrue(BooleanSupplier condition, String what, AppNode node) throws InterruptedException {
    long deadline = System.nanoTime() + NOTICE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + NOTICE + ": " + what + "\n" + node.logTail());
      }
      Thread.sleep(200);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}
