package org.yizhan.camunda.engine;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.TreeSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryVariableValue;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.yizhan.platform.security.StationAccess;
import org.yizhan.platform.security.StationGroups;

/**
 * What a task query may ask about variables, for everybody but administrators. A condition on a process variable
 * ({@code processVariables}) is matched against every variable of the task's process instance, the local ones of
 * other sub-processes included, so that a merchant could find out another merchant's answers (its note, its price)
 * by asking whether its own task matches. Only the variables Tasklist shows on the task cards that live with the whole
 * process (order, area, hand-over in words, delivery and case numbers) may be searched; conditions on case
 * variables are refused, and a task's own variables may be, since the caller can read them anyway.
 *
 * <p>Camunda internals: a command interceptor recognising the task query ({@code TaskQueryImpl}, with its
 * {@code orQueries}) and the query sent along when running a filter (a protected field, read by reflection, which
 * refuses the command if it cannot be read). Verified on 7.24.0.
 */
class TaskQueryVariables extends CommandInterceptor {

  private static final Field EXTENDING_QUERY = CommandFields.of(AbstractExecuteFilterCmd.class, "extendingQuery");

  private final ProcessEngineConfigurationImpl engine;

  TaskQueryVariables(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  @Override
  public <T> T execute(Command<T> command) {
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    if (caller != null && (caller.getGroupIds() == null || !caller.getGroupIds().contains(StationGroups.ADMINS))) {
      if (command instanceof TaskQueryImpl query) {
        check(query);
      } else if (command instanceof AbstractExecuteFilterCmd filterCommand
          && CommandFields.read(EXTENDING_QUERY, filterCommand) instanceof TaskQueryImpl extending) {
        check(extending);
      }
    }
    return next.execute(command);
  }

  private static void check(TaskQueryImpl query) {
    Collection<String> refused = new TreeSet<>();
    for (TaskQueryImpl part : query.getQueries()) {
      for (TaskQueryVariableValue condition : part.getVariables()) {
        boolean taskOwn = condition.isLocal();
        boolean searchable = condition.isProcessInstanceVariable()
            && StationAccess.SEARCHABLE_TASK_VARIABLES.contains(condition.getName());
        if (!taskOwn && !searchable) {
          refused.add(condition.getName());
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new BadUserRequestException("只能按任务卡片上的变量查找 (Tasks can be searched by "
          + String.join(", ", StationAccess.SEARCHABLE_TASK_VARIABLES) + " only, not by " + String.join(", ", refused) + ")");
    }
  }
}
