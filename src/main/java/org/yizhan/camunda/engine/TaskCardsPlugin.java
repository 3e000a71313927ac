package org.yizhan.camunda.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.yizhan.platform.TaskViewVariables;
import org.yizhan.platform.security.StationAccess;

/**
 * Puts the values a Tasklist card shows that belong to the whole process (the order, delivery or case number, the
 * area, the hand-over in words: {@link StationAccess#SEARCHABLE_TASK_VARIABLES}) on every user task itself, when it is
 * created. Being a parse listener, it holds for every user task of every model, also one a manager adds in Modeler.
 *
 * <p>Why on the task: Tasklist reads a card's values with the engine's variable query, which shows a process's
 * variables only to whoever may read the process instance, and a task's own variables to whoever may read the task
 * (camunda-engine 7.24.0, {@code AuthorizationManager.configureVariableInstanceQuery}). Merchants, grid workers,
 * building heads and the partners may read the tasks offered to them, not the instances, and must not (an order's
 * instance holds every merchant's answers); so without this their cards showed no number and no area. The copies are
 * values the station worked out, never a form's field, so no completion can change them (WorkThroughTheProcess), and
 * nothing reads them back. They are taken when the task is created, before the model's own create listeners, which
 * may add values of the task's own (a merchant's goods, {@code supplyText}); a task's own value is kept.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.task-cards", havingValue = "true", matchIfMissing = true)
public class TaskCardsPlugin extends AbstractProcessEnginePlugin implements TaskViewVariables {

  /** The copies are views of the process's values: the history keeps the process's own row, not one per task. */
  @Override
  public Set<String> names() {
    return Set.copyOf(StationAccess.SEARCHABLE_TASK_VARIABLES);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new CardParseListener());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static class CardParseListener extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, new CopyCardValues());
      }
    }
  }

  /** Copies each card value the task's process holds onto the task, unless the task already has its own. */
  static class CopyCardValues implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      if (task.getExecution() == null) {
        return;
      }
      for (String name : StationAccess.SEARCHABLE_TASK_VARIABLES) {
        Object value = task.getExecution().getVariable(name);
        if (value != null && !task.hasVariableLocal(name)) {
          task.setVariableLocal(name, value);
        }
      }
    }
  }
}
