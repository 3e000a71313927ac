package org.yizhan.camunda.engine;

import java.lang.reflect.Field;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Tells the loser of a race on a task what happened: completing (or submitting the form of), claiming, unclaiming or
 * handing on a task that somebody else completed a moment earlier, or that ended with its process, fails with
 * {@link TaskEndedException} (409) instead of the engine's "cannot find task" (which the APIs answer with 400 or 500).
 * A task id that never existed stays the engine's answer. Who completed it is not named: the caller may not be
 * allowed to know. For everybody, administrators included; asked only after the engine found no task, so a request
 * that succeeds costs nothing.
 *
 * <p>Camunda internals: the command classes of camunda-engine 7.24.0 and their {@code taskId} fields; the engine
 * reports a missing task with a {@link NullValueException} (complete, submit-form, claim) or a
 * {@link NotFoundException} (set assignee, which the REST APIs' unclaim uses). The task's history is read without
 * the caller's authorizations; it needs a history level that keeps tasks (the station's does).
 */
class EndedTasks extends CommandInterceptor {

  /** The commands that name one task, and where they keep its id. */
  private record TaskCommand(Class<?> type, Field taskId) {
    TaskCommand(Class<?> type) {
      this(type, CommandFields.of(type, "taskId"));
    }
  }

  private static final List<TaskCommand> TASK_COMMANDS = List.of(new TaskCommand(CompleteTaskCmd.class),
      new TaskCommand(SubmitTaskFormCmd.class), new TaskCommand(ClaimTaskCmd.class),
      new TaskCommand(AbstractSetTaskPropertyCmd.class));

  private final ProcessEngineConfigurationImpl engine;

  EndedTasks(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (NullValueException | NotFoundException missing) {
      TaskCommand naming = TASK_COMMANDS.stream().filter(known -> known.type().isInstance(command)).findFirst()
          .orElseThrow(() -> missing);
      HistoricTaskInstance ended = endedTask((String) CommandFields.read(naming.taskId(), command));
      if (ended == null) {
        throw missing;
      }
      throw new TaskEndedException(TaskEntity.DELETE_REASON_COMPLETED.equals(ended.getDeleteReason())
          ? "任务已被完成 (This task has already been completed; reload your tasks to see what is next)"
          : "任务已经结束 (This task has already ended: its order or case moved on or was cancelled; reload your "
              + "tasks)", missing);
    }
  }

  /** The task's history if it has ended; null if it never existed, is still open or is not readable. */
  private HistoricTaskInstance endedTask(String taskId) {
    if (taskId == null) {
      return null;
    }
    try {
      HistoricTaskInstance task = engine.getCommandExecutorTxRequired().execute(context ->
          context.runWithoutAuthorization(() -> context.getHistoricTaskInstanceManager()
              .findHistoricTaskInstanceById(taskId)));
      return task != null && task.getEndTime() != null ? task : null;
    } catch (ProcessEngineException unreadable) {
      return null;
    }
  }
}
