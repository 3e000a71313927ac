package org.yizhan.camunda.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the planner count the authorizations behind a Tasklist filter, so that it checks each task's
 * authorizations through the index instead of comparing every task with every authorization.
 *
 * <p>Camunda's task queries join ACT_RU_AUTHORIZATION filtered on {@code PERMS_ & 2 = 2} (read a task) or
 * {@code PERMS_ & 64 = 64} (read the tasks of a process definition). PostgreSQL has no statistics for such an
 * expression and guesses that half a percent of the rows match: 20 of 20,000, where there are 4,000 (the engine
 * writes one authorization for each open task of a group). Planning for 20 rows, it compared each of the group's
 * 4,000 tasks with all 4,000 authorizations, 16 million pairs and 2 to 3 s per Tasklist request. Statistics on the two
 * expressions give it the right count; with the planner costs of the postgres profile (application-postgres.yaml) it
 * then looks each task up in Camunda's index on {@code RESOURCE_ID_}: about 0.1 s per query (docs/performance.md).
 *
 * <p>PostgreSQL fills them at its next ANALYZE (autovacuum does that after many changes). Expression statistics need
 * PostgreSQL 14; older servers are left as they are.
 *
 * <p>It also adds an index of ours beside Camunda's: the authorizations a task query can use, by resource id. Each
 * task's check looks up its own id, its process definition's key and {@code '*'}; through Camunda's index on
 * {@code RESOURCE_ID_} the {@code '*'} lookup fetched the 62 grants on {@code '*'} of every resource type (the demo
 * station's), for every one of the 4,000 tasks, to keep none of them. This index holds only the grants that read
 * tasks (5 of the 62), so the lookups fetch little more than what the check keeps: with 20,000 open tasks Tasklist's
 * group filter took p50 132 to 153 ms alone with it, 197 to 215 ms without (docs/performance.md, 2026-11-30).
 *
 * <p>It is a hash index: the check only ever asks for equal ids, three lookups per task, and a hash lookup reads about
 * two pages where the btree read three (root, inner page, leaf). With 20,000 open tasks, 4,000 of them in the
 * volunteer's groups, the count of Tasklist's filter read 41,072 buffers instead of 65,089 and took 90 to 157 ms
 * instead of 120 to 215 ms, alternating on the same copy of the data (docs/performance.md, 2026-11-30). The btree of
 * the earlier version ({@value #FORMER_TASK_READ_INDEX}) is dropped. Camunda's own schema objects are left as they are.
 *
 * <p>Switch: {@code yizhan.camunda.postgres-task-grants-index} (default true); decision record:
 * docs/decisions/task-read-grants-index.md. Switched off, a node adds nothing, and drops nothing that is there.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.postgres-task-grants-index", havingValue = "true",
    matchIfMissing = true)
class AuthorizationCheckStatistics extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCheckStatistics.class);

  /** Camunda's READ on a task, and READ_TASK on a process definition: the bits its task queries test. */
  static final int[] CHECKED_PERMISSION_BITS = {2, 64};

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      if (connection.getMetaData().getDatabaseMajorVersion() < 14) {
        LOG.info("PostgreSQL {} has no expression statistics; Tasklist's authorization check keeps its default plan",
            connection.getMetaData().getDatabaseProductVersion());
        return;
      }
      for (int bit : CHECKED_PERMISSION_BITS) {
        statement.execute("create statistics if not exists yz_stat_authorization_perms_" + bit + " on (PERMS_ & " + bit
            + ") from " + table);
      }
      createTaskReadIndex(statement, table);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the statistics of " + table, e);
    }
  }

  /**
   * The grants a task query's check keeps ({@code TYPE_ < 2}, READ on a task or READ_TASK on a process definition):
   * the same condition as the one Camunda's query writes, so that PostgreSQL may use the index for it.
   */
  static final String TASK_READ_INDEX = "yz_hidx_auth_task_read";
  /** The same grants in a btree, as the version before made them. */
  static final String FORMER_TASK_READ_INDEX = "yz_idx_auth_task_read";

  private static void createTaskReadIndex(Statement statement, String table) throws SQLException {
    try {
      statement.execute("create index if not exists " + TASK_READ_INDEX + " on " + table + " using hash (RESOURCE_ID_)"
          + " where TYPE_ < 2 and (RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2 or RESOURCE_TYPE_ = 6 and PERMS_ & 64 = 64)");
      statement.execute("drop index if exists " + FORMER_TASK_READ_INDEX);
    } catch (SQLException raceWithAnotherNode) {
      // Two nodes starting at once may both pass "if not exists"; the one that loses finds the index made.
      try (var found = statement.executeQuery("select to_regclass('" + TASK_READ_INDEX + "') is not null")) {
        if (!found.next() || !found.getBoolean(1)) {
          throw raceWithAnotherNode;
        }
      }
    }
  }
}
