package org.yizhan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;

@StationTest
class VariableLookupIndexTest {

  /** The shape of Camunda's selectVariablesByExecutionId (VariableInstance.xml) when some names are asked for. */
  private static final String VARIABLES_OF_AN_EXECUTION = """
      explain select RES.* from ACT_RU_VARIABLE RES
        left join ACT_RU_EXECUTION EXECUTION on RES.EXECUTION_ID_ = EXECUTION.ID_
        left join ACT_RU_EXECUTION PARENT_EXECUTION on EXECUTION.PARENT_ID_ = PARENT_EXECUTION.ID_
      where EXECUTION_ID_ = ? and TASK_ID_ is null and NAME_ in (?, ?)""";

  @Autowired
  private JdbcClient jdbc;

  @AfterEach
  void freshStatistics() {
    jdbc.sql("analyze table ACT_RU_VARIABLE").update();
  }

  @Test
  void variablesOfAnExecutionAreReadByExecutionEvenWhenH2ThinksTaskIdsAreUnique() {
    // The statistics under which H2 read them through the index on TASK_ID_ alone, i.e. every running process's.
    jdbc.sql("alter table ACT_RU_VARIABLE alter column TASK_ID_ selectivity 100").update();
    jdbc.sql("alter table ACT_RU_VARIABLE alter column NAME_ selectivity 100").update();
    jdbc.sql("alter table ACT_RU_VARIABLE alter column EXECUTION_ID_ selectivity 10").update();

    String plan = jdbc.sql(VARIABLES_OF_AN_EXECUTION).query(String.class).single();

    // Camunda's indexes alone give "ACT_IDX_VARIABLE_TASK_ID: TASK_ID_ IS NULL", every running process's variables.
    assertThat(plan).containsPattern("/\\* PUBLIC\\.\\w+: EXECUTION_ID_ = \\?1");
  }

  @Test
  void camundasTaskIndexKeepsItsNameForCamundasOwnScripts() {
    assertThat(jdbc.sql("select COLUMN_NAME from INFORMATION_SCHEMA.INDEX_COLUMNS where INDEX_NAME = ? "
        + "order by ORDINAL_POSITION").param(VariableLookupIndex.CAMUNDA_TASK_INDEX).query(String.class).list())
        .containsExactly("TASK_ID_", "EXECUTION_ID_");
  }
}
