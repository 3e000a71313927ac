package org.yizhan.platform;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.yizhan.platform.security.StationAccess;

/**
 * "showCard", the create listener of every user task: the card variables kept with the whole process (the order,
 * delivery or case number, the area, the hand-over in words; see {@link StationAccess#SEARCHABLE_TASK_VARIABLES}) are
 * copied onto the task itself, so that Tasklist's card shows them to everyone the task is offered to.
 *
 * <p>Why a copy: a filter's list looks a card variable up on the task, its execution and its process instance, each
 * as the signed-in user. Only the task is readable by everyone it is offered to (the engine grants READ per task);
 * merchants, grid workers, building heads and the partners hold no grant on the instances, and must not (reading an
 * order's instance would show every merchant's answers). The copies are values the station worked out (numbers,
 * building and grid, the decided hand-over), never a form's field, so no completion can change them
 * (WorkThroughTheProcess), and they go with the task. A task's own value (set by an earlier listener) is kept.
 */
@Component("showCard")
public class TaskCardVariables implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    for (String name : StationAccess.SEARCHABLE_TASK_VARIABLES) {
      Object value = task.getVariable(name);
      if (value != null && !task.hasVariableLocal(name)) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
