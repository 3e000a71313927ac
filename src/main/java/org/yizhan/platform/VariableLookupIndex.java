package org.yizhan.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * On H2, steers the engine's most frequent read to an index of the execution: the variables of one execution, not of
 * a task ({@code EXECUTION_ID_ = ? and TASK_ID_ is null and NAME_ in (…)}), which Camunda runs whenever a step reads
 * or sets variables, e.g. for every task completion.
 *
 * <p>H2 estimates {@code TASK_ID_ is null} as if it were {@code TASK_ID_ = ?} on a column it last saw as nearly
 * unique, and then reads this through Camunda's index on {@code TASK_ID_} alone, which matches the variables of every
 * running process. The benchmark's profile showed it: with 400 orders open, this read cost a sixth of an order's task
 * completions, five times what it cost with a handful open. Tried against every combination of H2's column statistics
 * (docs/performance.md), two changes leave H2 no bad choice:
 * <ul>
 *   <li>an index on {@code (EXECUTION_ID_, TASK_ID_, NAME_)}, the read's three conditions;</li>
 *   <li>Camunda's {@code ACT_IDX_VARIABLE_TASK_ID} on {@code (TASK_ID_, EXECUTION_ID_)} instead of {@code TASK_ID_}
 *       alone: it still serves every lookup by task, and when H2 takes it for this read it narrows it to the
 *       execution. It keeps its name, so Camunda's own scripts (e.g. dropping the schema) still find it.</li>
 * </ul>
 * PostgreSQL estimates null tests from its statistics and is left as Camunda made it. Done after the engine has
 * created or checked its schema, and only what is not done yet.
 */
@Component
class VariableLookupIndex extends AbstractProcessEnginePlugin {

  static final String NAME = "YZ_IDX_VARIABLE_EXEC_TASK_NAME";
  static final String CAMUNDA_TASK_INDEX = "ACT_IDX_VARIABLE_TASK_ID";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!"h2".equals(configuration.getDatabaseType())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix();
    String table = prefix + "ACT_RU_VARIABLE";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create index if not exists " + NAME + " on " + table + " (EXECUTION_ID_, TASK_ID_, NAME_)");
      if (!taskIndexCoversExecution(statement)) {
        statement.execute("drop index if exists " + prefix + CAMUNDA_TASK_INDEX);
        statement.execute("create index " + prefix + CAMUNDA_TASK_INDEX + " on " + table + " (TASK_ID_, EXECUTION_ID_)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not adjust the indexes of " + table, e);
    }
  }

  private static boolean taskIndexCoversExecution(Statement statement) throws SQLException {
    try (ResultSet columns = statement.executeQuery("select count(*) from INFORMATION_SCHEMA.INDEX_COLUMNS "
        + "where INDEX_NAME = '" + CAMUNDA_TASK_INDEX + "' and COLUMN_NAME = 'EXECUTION_ID_'")) {
      return columns.next() && columns.getInt(1) > 0;
    }
  }
}
