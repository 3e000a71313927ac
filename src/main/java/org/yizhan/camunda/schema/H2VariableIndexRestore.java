package org.yizhan.camunda.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Gives an H2 database back Camunda's own definition of {@code ACT_IDX_VARIABLE_TASK_ID}. Releases up to 2026-11-29
 * widened that index to {@code (TASK_ID_, EXECUTION_ID_)} and added {@value #FORMER_OWN_INDEX}, so that H2 would read
 * the variables of one execution by execution (H2 estimates {@code TASK_ID_ is null} as if it were an equality on a
 * nearly unique column). The station no longer changes Camunda's schema objects: Camunda's upgrade scripts must meet
 * the schema they were written for. An index of the station's own alone does not change H2's choice (H2 keeps the
 * first of two indexes it costs alike, and Camunda's comes first; {@code H2VariableIndexRestoreTest}), so it goes too.
 *
 * <p>Runs on H2 only, after the engine has created or checked its schema, and only where it finds the widened index.
 * Off with {@code yizhan.camunda.h2-variable-index-restore=false}; it can go once every H2 database has started on a
 * release with it (docs/decisions/h2-variable-index-restore.md).
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.h2-variable-index-restore", havingValue = "true", matchIfMissing = true)
class H2VariableIndexRestore extends AbstractProcessEnginePlugin {

  static final String FORMER_OWN_INDEX = "YZ_IDX_VARIABLE_EXEC_TASK_NAME";
  static final String CAMUNDA_TASK_INDEX = "ACT_IDX_VARIABLE_TASK_ID";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if ("h2".equals(configuration.getDatabaseType())) {
      restore(configuration);
    }
  }

  void restore(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix();
    String table = prefix + "ACT_RU_VARIABLE";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop index if exists " + prefix + FORMER_OWN_INDEX);
      if (widenedByAnEarlierRelease(statement)) {
        statement.execute("drop index if exists " + prefix + CAMUNDA_TASK_INDEX);
        statement.execute("create index " + prefix + CAMUNDA_TASK_INDEX + " on " + table + " (TASK_ID_)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not restore Camunda's index " + CAMUNDA_TASK_INDEX + " on " + table, e);
    }
  }

  private static boolean widenedByAnEarlierRelease(Statement statement) throws SQLException {
    try (ResultSet columns = statement.executeQuery("select count(*) from INFORMATION_SCHEMA.INDEX_COLUMNS "
        + "where INDEX_NAME = '" + CAMUNDA_TASK_INDEX + "' and COLUMN_NAME = 'EXECUTION_ID_'")) {
      return columns.next() && columns.getInt(1) > 0;
    }
  }
}
