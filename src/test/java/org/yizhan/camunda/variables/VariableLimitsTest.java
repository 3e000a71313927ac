package org.yizhan.camunda.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/** What the database can hold, checked when a variable is set, on a task of its own. */
@StationTest
class VariableLimitsTest {

  @Autowired TaskService tasks;

  private String taskId;

  @BeforeEach
  void newTask() {
    Task task = tasks.newTask();
    tasks.saveTask(task);
    taskId = task.getId();
  }

  @AfterEach
  void removeTask() {
    tasks.deleteTask(taskId, true);
  }

  @Test
  void textOfUpTo4000CharactersIsKeptAndOneMoreIsRefusedLeavingTheOldValue() {
    tasks.setVariable(taskId, "text", "x".repeat(4000));
    tasks.setVariable(taskId, "chinese", "拒".repeat(4000));

    assertThatThrownBy(() -> tasks.setVariable(taskId, "text", "y".repeat(4001)))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("text 最多 4000 个字 (may be at most 4000 characters; this one has 4001)");
    assertThat(tasks.getVariable(taskId, "text")).isEqualTo("x".repeat(4000));
    assertThat(tasks.getVariable(taskId, "chinese")).isEqualTo("拒".repeat(4000));
  }

  @Test
  void refusalRollsBackTheOtherValuesOfTheSameCall() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fine", "short");
    values.put("tooLong", "x".repeat(5000));

    assertThatThrownBy(() -> tasks.setVariables(taskId, values)).isInstanceOf(BadUserRequestException.class);
    assertThat(tasks.getVariables(taskId)).isEmpty();
  }

  @Test
  void nulCharacterIsRefused() {
    assertThatThrownBy(() -> tasks.setVariable(taskId, "text", "a\u0000b"))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("text 不能含 NUL 字符 (must not contain the NUL character)");
  }

  @Test
  void nameOfUpTo255CharactersIsKeptWhateverTheValueAndOneMoreIsRefused() {
    tasks.setVariable(taskId, "n".repeat(255), 1);

    for (Object value : new Object[] {"text", 1, 1L, 1.5, true, null, new java.util.Date()}) {
      assertThatThrownBy(() -> tasks.setVariable(taskId, "n".repeat(256), value)).as(String.valueOf(value))
          .isInstanceOf(BadUserRequestException.class)
          .hasMessage("变量名最多 255 个字符 (a variable name may be at most 255 characters)");
    }
    assertThat(tasks.getVariables(taskId)).containsOnlyKeys("n".repeat(255));
  }

  @Test
  void transientValueIsNeverStoredSoItMayBeLonger() {
    tasks.setVariable(taskId, "request", Variables.stringValue("x".repeat(5000), true));

    assertThat(tasks.getVariable(taskId, "request")).isNull();
  }
}
