package org.yizhan.camunda.schema;

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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * On PostgreSQL the engine gets our index of the grants that read tasks, and PostgreSQL can use it for the condition
 * Camunda's task queries write (Authorization.xml, authCheckJoinWithoutOnClauseWithBinding, with the values of a
 * volunteer's Tasklist filter): a partial index is only used where the query's condition implies the index's.
 */
class AuthorizationCheckStatisticsTest {

  /**
   * Camunda's authorization join of a task query, as the server received it for a volunteer's Tasklist filter, over
   * 400 of the group's tasks of one process definition: each task's check looks up its id, its definition's key and
   * {@code '*'}.
   */
  private static final String TASK_QUERY_CHECK = """
      explain select count(*)
      from (select 'task-' || n as ID_, 'station-order' as KEY_ from generate_series(1, 400) n) RES
      left join (
        select A.* from ACT_RU_AUTHORIZATION A
        where A.TYPE_ < 2
          and (A.USER_ID_ in ('li.qiang', '*') or A.GROUP_ID_ in ('grid-g01-volunteers', 'station-volunteers'))
          and ((A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2 or A.RESOURCE_TYPE_ = 6 and A.PERMS_ & 64 = 64))
      ) AUTH on (AUTH.RESOURCE_ID_ in (RES.ID_, RES.KEY_, '*'))""";

  /**
   * One grant per open task, as the engine writes them (20,000, a fifth of them the volunteer's groups'), and grants on
   * '*' of every resource type, as the seeds write them.
   */
  private static final String GRANTS = """
      insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
      select 'task-grant-' || n, 1, 1, case n % 5 when 0 then 'station-volunteers' when 1 then 'grid-g01-volunteers'
        else 'group-' || (n % 5) end, 7, 'task-' || n, 16386 from generate_series(1, 20000) n
      union all
      select 'star-grant-' || n, 1, 1, 'group-' || n, n % 22, '*', 2147483647 from generate_series(1, 60) n""";

  @Test
  void camundasTaskAuthorizationCheckReadsThroughTheIndexOfGrantsThatReadTasks() throws Exception {
    assumeTrue(FreshPostgres.available(), "needs the PostgreSQL server at 127.0.0.1:5432");
    try (FreshPostgres database = FreshPostgres.create("yizhan_auth_check_statistics_test")) {
      ProcessEngine engine = engineOn(database);
      try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
        statement.execute(GRANTS);
        statement.execute("analyze ACT_RU_AUTHORIZATION");
        statement.execute("set random_page_cost = 1.1"); // as the postgres profile's connections say

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

  @Test
  void theBtreeOfTheVersionBeforeIsReplacedByTheHashIndex() throws Exception {
    assumeTrue(FreshPostgres.available(), "needs the PostgreSQL server at 127.0.0.1:5432");
    try (FreshPostgres database = FreshPostgres.create("yizhan_auth_check_statistics_former_test")) {
      engineOn(database).close();
      try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
        statement.execute("drop index " + AuthorizationCheckStatistics.TASK_READ_INDEX);
        statement.execute("create index " + AuthorizationCheckStatistics.FORMER_TASK_READ_INDEX
            + " on ACT_RU_AUTHORIZATION (RESOURCE_ID_) where TYPE_ < 2");
      }

      engineOn(database).close();

      try (Connection connection = database.connect(); Statement statement = connection.createStatement();
          ResultSet indexes = statement.executeQuery("select indexname, indexdef from pg_indexes"
              + " where tablename = 'act_ru_authorization' and indexname like 'yz\\_%'")) {
        List<String> found = new java.util.ArrayList<>();
        while (indexes.next()) {
          found.add(indexes.getString(1) + ": " + indexes.getString(2));
        }
        assertThat(found).singleElement().asString().startsWith(AuthorizationCheckStatistics.TASK_READ_INDEX + ":")
            .contains("USING hash");
      }
    }
  }

  @Test
  void theSwitchLeavesTheEngineWithoutStatisticsAndIndex() {
    var context = new ApplicationContextRunner().withUserConfiguration(AuthorizationCheckStatistics.class);
    context.run(on -> assertThat(on).hasSingleBean(AuthorizationCheckStatistics.class));
    context.withPropertyValues("yizhan.camunda.postgres-task-grants-index=false")
        .run(off -> assertThat(off).doesNotHaveBean(AuthorizationCheckStatistics.class));
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
