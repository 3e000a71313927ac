package org.yizhan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * On PostgreSQL the engine gets our index of the grants that read tasks, and PostgreSQL can use it for the condition
 * Camunda's task queries write (Authorization.xml, authCheckJoinWithoutOnClauseWithBinding, with the values of a
 * volunteer's Tasklist filter): a partial index is only used where the query's condition implies the index's.
 */
class AuthorizationCheckStatisticsTest {

  /** Camunda's authorization subquery of a task query, as the server received it, and the join's resource ids. */
  private static final String TASK_QUERY_CHECK = """
      explain select A.* from ACT_RU_AUTHORIZATION A
      where A.TYPE_ < 2
        and (A.USER_ID_ in ('li.qiang', '*') or A.GROUP_ID_ in ('grid-g01-volunteers', 'station-volunteers'))
        and ((A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2 or A.RESOURCE_TYPE_ = 6 and A.PERMS_ & 64 = 64))
        and A.RESOURCE_ID_ in ('a-task-id', 'station-order', '*')""";

  @Test
  void camundasTaskAuthorizationCheckCanReadThroughTheIndexOfGrantsThatReadTasks() throws Exception {
    assumeTrue(FreshPostgres.available(), "needs the PostgreSQL server at 127.0.0.1:5432");
    try (FreshPostgres database = FreshPostgres.create("yizhan_auth_check_statistics_test")) {
      ProcessEngine engine = engineOn(database);
      try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
        // A handful of rows: without this PostgreSQL reads the table rather than any index.
        statement.execute("set enable_seqscan = off");

        assertThat(plan(statement)).contains(AuthorizationCheckStatistics.TASK_READ_INDEX);
      } finally {
        engine.close();
      }
    }
  }

  @Test
  void startingAgainKeepsTheIndexAsItIs() throws Exception {
    assumeTrue(FreshPostgres.available(), "needs the PostgreSQL server at 127.0.0.1:5432");
    try (FreshPostgres database = FreshPostgres.create("yizhan_auth_check_statistics_again_test")) {
      engineOn(database).close();
      engineOn(database).close();

      try (Connection connection = database.connect(); Statement statement = connection.createStatement();
          ResultSet indexes = statement.executeQuery("select count(*) from pg_indexes where indexname = '"
              + AuthorizationCheckStatistics.TASK_READ_INDEX + "'")) {
        indexes.next();
        assertThat(indexes.getInt(1)).isEqualTo(1);
      }
    }
  }

  private static ProcessEngine engineOn(FreshPostgres database) {
    var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration()
        .setJdbcUrl(database.jdbcUrl()).setJdbcUsername("postgres").setJdbcPassword("")
        .setJdbcDriver("org.postgresql.Driver")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setJobExecutorActivate(false)
        .setProcessEngineName("auth-check-statistics-" + System.nanoTime());
    configuration.setProcessEnginePlugins(List.of(new AuthorizationCheckStatistics()));
    return configuration.buildProcessEngine();
  }

  private static String plan(Statement statement) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (ResultSet lines = statement.executeQuery(TASK_QUERY_CHECK)) {
      while (lines.next()) {
        plan.append(lines.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
