package org.yizhan.camunda.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a bare in-memory engine: H2 databases widened by earlier releases get Camunda's index back. */
class H2VariableIndexRestoreTest {

  /** The shape of Camunda's selectVariablesByExecutionId (VariableInstance.xml) when some names are asked for. */
  private static final String VARIABLES_OF_AN_EXECUTION = """
      explain select RES.* from ACT_RU_VARIABLE RES
        left join ACT_RU_EXECUTION EXECUTION on RES.EXECUTION_ID_ = EXECUTION.ID_
        left join ACT_RU_EXECUTION PARENT_EXECUTION on EXECUTION.PARENT_ID_ = PARENT_EXECUTION.ID_
      where EXECUTION_ID_ = ? and TASK_ID_ is null and NAME_ in (?, ?)""";

  private ProcessEngine engine;
  private ProcessEngineConfigurationImpl configuration;

  @BeforeEach
  void startEngine() {
    configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:variable-index-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false);
    configuration.setProcessEngineName("variable-index-" + System.nanoTime());
    engine = configuration.buildProcessEngine();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void anIndexWidenedByAnEarlierReleaseGetsCamundasDefinitionBackAndTheOwnIndexGoes() throws SQLException {
    sql("drop index ACT_IDX_VARIABLE_TASK_ID");
    sql("create index ACT_IDX_VARIABLE_TASK_ID on ACT_RU_VARIABLE (TASK_ID_, EXECUTION_ID_)");
    sql("create index YZ_IDX_VARIABLE_EXEC_TASK_NAME on ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_, NAME_)");

    new H2VariableIndexRestore().restore(configuration);

    assertThat(columnsOf(H2VariableIndexRestore.CAMUNDA_TASK_INDEX)).containsExactly("TASK_ID_");
    assertThat(columnsOf(H2VariableIndexRestore.FORMER_OWN_INDEX)).isEmpty();
  }

  @Test
  void camundasOwnIndexIsLeftAsCamundaMadeIt() throws SQLException {
    List<String> before = columnsOf(H2VariableIndexRestore.CAMUNDA_TASK_INDEX);

    new H2VariableIndexRestore().restore(configuration);

    assertThat(before).containsExactly("TASK_ID_");
    assertThat(columnsOf(H2VariableIndexRestore.CAMUNDA_TASK_INDEX)).isEqualTo(before);
  }

  /** Why the station's own index went too: under the statistics that made H2 choose badly, it changes nothing. */
  @Test
  void anIndexOfTheStationsOwnDoesNotChangeH2sChoiceOfCamundasIndex() throws SQLException {
    sql("create index YZ_IDX_VARIABLE_EXEC_TASK_NAME on ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_, NAME_)");
    sql("alter table ACT_RU_VARIABLE alter column TASK_ID_ selectivity 100");
    sql("alter table ACT_RU_VARIABLE alter column NAME_ selectivity 100");
    sql("alter table ACT_RU_VARIABLE alter column EXECUTION_ID_ selectivity 10");

    assertThat(plan()).contains("ACT_IDX_VARIABLE_TASK_ID: TASK_ID_ IS NULL");
  }

  private String plan() throws SQLException {
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(VARIABLES_OF_AN_EXECUTION.replace("?", "'x'"))) {
      rows.next();
      return rows.getString(1);
    }
  }

  private List<String> columnsOf(String index) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select COLUMN_NAME from INFORMATION_SCHEMA.INDEX_COLUMNS "
            + "where INDEX_NAME = '" + index + "' order by ORDINAL_POSITION")) {
      while (rows.next()) {
        columns.add(rows.getString(1));
      }
    }
    return columns;
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
