package org.yizhan.platform.engine;

import java.util.ArrayList;
import java.util.List;

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
import org.springframework.stereotype.Component;
import org.yizhan.platform.security.StationAccess;

/**
 * Puts the values a Tasklist card shows (the order, delivery or case number, the area and the like:
 * {@link StationAccess#TASK_CARD_VARIABLES}) on every user task itself, when it is created.
 *
 * <p>Why on the task: Tasklist reads a card's values with the engine's variable query, which shows a process's
 * variables only to whoever may read the process instance, and a task's own variables to whoever may read the task
 * (camunda-engine 7.24.0, {@code AuthorizationManager.configureVariableInstanceQuery}). A grid volunteer may read the
 * doorstep visit offered to her group, not every delivery instance; so without this her card showed no number and no
 * area, and two visits could not be told apart. Copies are taken when the task is created (before the model's own
 * create listeners, which may add task-specific values such as a merchant's goods) and are read-only to the card:
 * nothing in the station reads them back.
 */
@Component
public class TaskCardsPlugin extends AbstractProcessEnginePlugin {

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
      for (String name : StationAccess.TASK_CARD_VARIABLES) {
        Object value = task.getExecution().getVariable(name);
        if (value != null && !task.hasVariableLocal(name)) {
          task.setVariableLocal(name, value);
        }
      }
    }
  }
}
