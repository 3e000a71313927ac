package org.yizhan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.cluster.FreshPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Two nodes started at the same moment on an empty PostgreSQL database both come up, and what a start writes exists
 * once: Camunda's schema, the administrator, the Tasklist filters, the demo seeds and the models. Then both are stopped
 * and started together again, and still nothing is there twice.
 */
class ClusterStartupIT {

  private static final Duration START = Duration.ofMinutes(5);
  private static final Pattern WAITED = Pattern.compile("Start-up lock taken\\), waited (\\d+) ms");
  private static final Pattern RELEASED = Pattern.compile("Start-up lock released: ready\\) after (\\d+) ms");

  private FreshPostgres database;
  private final List<AppNode> nodes = new ArrayList<>();

  @BeforeEach
  void freshDatabase() throws Exception {
    assumeTrue(FreshPostgres.available(), "PostgreSQL at 127.0.0.1:5432 is not running: cluster start-up not tested");
    assumeTrue(AppNode.jarBuilt(), "No packaged jar (target/yizhan-*.jar): run ./mvnw package first");
    database = FreshPostgres.create("yz_cluster_startup_it");
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (AppNode node : nodes) {
      node.kill();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void twoNodesStartedTogetherOnAnEmptyDatabaseBothComeUpAndWriteEverythingOnce() throws Exception {
    AppNode a = node("node-a");
    AppNode b = node("node-b");

    long started = System.nanoTime();
    startTogether(a, b);
    System.out.printf("[ClusterStartupIT] empty database: both nodes ready after %d ms; %s%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis(), lockFigures(a, b));
    String installation = everythingOnce();

    a.stop();
    b.stop();
    started = System.nanoTime();
    startTogether(a, b);
    System.out.printf("[ClusterStartupIT] restart of both: both nodes ready after %d ms; %s%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis(), lockFigures(a, b));
    assertThat(everythingOnce()).as("Camunda's installation id, written once at the first start").isEqualTo(installation);
  }

  private AppNode node(String name) throws IOException {
    Path workDir = Path.of("target", "cluster-startup-it", name).toAbsolutePath();
    FileSystemUtils.deleteRecursively(workDir);
    // Each node has its own copy of the models, as a node on a machine of its own would.
    FileSystemUtils.copyRecursively(Path.of("processes"), workDir.resolve("processes"));
    AppNode node = AppNode.create(name, workDir, AppNode.onPostgres(database.jdbcUrl()));
    nodes.add(node);
    return node;
  }

  /** Launches both processes before waiting for either, so that they race for the database. */
  private static void startTogether(AppNode a, AppNode b) throws Exception {
    a.start();
    b.start();
    a.awaitReady(START);
    b.awaitReady(START);
  }

  /**
   * Checks that every start-up writer wrote once.
   *
   * @return Camunda's installation id
   */
  private String everythingOnce() throws Exception {
    try (Connection db = database.connect(); Statement sql = db.createStatement()) {
      // Camunda's schema: created once (one schema log entry, the history its create script writes, nothing added).
      assertThat(strings(sql, "select version_ from act_ge_schema_log")).containsExactly("7.24.0");
      assertThat(strings(sql, "select value_ from act_ge_property where name_ = 'schema.history'"))
          .containsExactly("create(fox)");
      List<String> installation = strings(sql, "select value_ from act_ge_property where name_ = 'camunda.installation.id'");
      assertThat(installation).hasSize(1);

      // The starter's administrator, in its group.
      assertThat(longs(sql, "select count(*) from act_id_user where id_ = 'admin'")).containsExactly(1L);
      assertThat(longs(sql, "select count(*) from act_id_membership where user_id_ = 'admin' and group_id_ = 'camunda-admin'"))
          .containsExactly(1L);

      // Tasklist filters: the station's three, and no name twice for one owner.
      assertThat(strings(sql, "select owner_ || ' / ' || name_ from act_ru_filter group by owner_, name_ having count(*) > 1"))
          .as("filters created twice").isEmpty();
      assertThat(longs(sql, "select count(*) from act_ru_filter where name_ in "
          + "('本组待办 (My group''s open tasks)', '我认领的 (Claimed by me)', '已超时 (Overdue)')")).containsExactly(3L);

      // Grants, users, groups, memberships, residents and catalog items have unique keys: a second insert would have
      // stopped a node (the race seen before the start-up lock), so that both came up is the check for them. Filters,
      // deployments and versions have none, and are counted.

      // The demo seeds: every file loaded once, as many rows as the files hold.
      assertThat(strings(sql, "select name from seed_load order by name")).containsExactlyInAnyOrder(
          "canteen.yaml", "catalog.yaml", "grid-volunteers.yaml", "grids.yaml", "groups.yaml", "mediators.yaml",
          "merchants.yaml", "residents.yaml", "users.yaml");
      assertThat(longs(sql, "select count(*) from resident")).containsExactly(seedEntries("residents.yaml"));
      assertThat(longs(sql, "select count(*) from catalog_item")).containsExactly(seedEntries("catalog.yaml"));
      assertThat(longs(sql, "select count(*) from canteen_enrolment")).containsExactly(seedEntries("canteen.yaml"));
      assertThat(longs(sql, "select count(*) from act_id_group where id_ in (" + seedIds("groups.yaml") + ")"))
          .containsExactly(seedEntries("groups.yaml"));
      assertThat(longs(sql, "select count(*) from act_id_user where id_ in (" + seedIds("users.yaml") + ")"))
          .containsExactly(seedEntries("users.yaml"));

      // The models: one deployment, every process and decision at version 1 only.
      assertThat(longs(sql, "select count(*) from act_re_deployment")).containsExactly(1L);
      assertThat(versions(sql, "act_re_procdef")).isNotEmpty().allSatisfy((key, found) ->
          assertThat(found).as("versions of process " + key).isEqualTo("1"));
      assertThat(versions(sql, "act_re_decision_def")).isNotEmpty().allSatisfy((key, found) ->
          assertThat(found).as("versions of decision " + key).isEqualTo("1"));
      return installation.get(0);
    }
  }

  /** Each definition key with the versions deployed of it, e.g. "1" or "1,2". */
  private static Map<String, String> versions(Statement sql, String table) throws SQLException {
    Map<String, String> versions = new TreeMap<>();
    try (ResultSet rows = sql.executeQuery("select key_, string_agg(version_::text, ',' order by version_) from "
        + table + " group by key_")) {
      while (rows.next()) {
        versions.put(rows.getString(1), rows.getString(2));
      }
    }
    return versions;
  }

  private static List<String> strings(Statement sql, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static List<Long> longs(Statement sql, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  private static long seedEntries(String file) throws IOException {
    return seed(file).size();
  }

  private static String seedIds(String file) throws IOException {
    List<String> ids = new ArrayList<>();
    seed(file).forEach(entry -> ids.add("'" + entry.get("id").asText() + "'"));
    return String.join(",", ids);
  }

  private static JsonNode seed(String file) throws IOException {
    return new YAMLMapper().readTree(Path.of("seeds", file).toFile());
  }

  /** How long each node waited for the start-up lock and how long it held it, from the node's log of this start. */
  private static String lockFigures(AppNode... nodes) throws IOException {
    StringBuilder figures = new StringBuilder();
    for (AppNode node : nodes) {
      String log = lastStart(node);
      figures.append(node.name()).append(" waited ").append(last(WAITED, log)).append(" ms, held ")
          .append(last(RELEASED, log)).append(" ms; ");
    }
    return figures.toString();
  }

  private static String lastStart(AppNode node) throws IOException {
    String log = Files.readString(node.log(), StandardCharsets.UTF_8);
    return log.substring(Math.max(0, log.lastIndexOf("=== start ")));
  }

  private static String last(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    String found = "?";
    while (matcher.find()) {
      found = matcher.group(1);
    }
    return found;
  }

}
