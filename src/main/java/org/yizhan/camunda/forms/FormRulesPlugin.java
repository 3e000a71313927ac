package org.yizhan.camunda.forms;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Holds every user task and process start to its Camunda Form's rules inside the engine, whatever API or URL spelling
 * the values come through ({@code …/task/{id}/complete} or {@code …/submit-form} of either REST API,
 * {@code TaskService.complete}, {@code FormService.submitTaskForm}, a start).
 *
 * <p>When a BPMN model is parsed, every user task with a {@code camunda:formRef} gets a built-in {@code complete}
 * task listener (built-in listeners run before the model's own, so the model's listeners see only values that keep
 * the rules). Both completion commands of camunda-engine 7.24.0 set the submitted values before they complete the
 * task ({@code CompleteTaskCmd}: on the task's execution; {@code SubmitTaskFormCmd}: through the form handler on the
 * task, which hands them up to the execution unless the task has a local variable of that name), so the listener
 * checks what the process goes on with: the values seen from the task's execution, and, when the task has local
 * variables, the values seen from the task as well. A refusal rolls the whole command back: the task stays open and
 * no value is written. Resolving a delegated task through {@code submit-form} is not a completion and is checked when
 * the owner completes it.
 *
 * <p>A start form ({@code camunda:formRef} on the process's start event) is held to its rules by a built-in listener on
 * the start event, which runs after the start's values are set whether they came as a form submission
 * ({@code FormService.submitStartForm}, {@code …/submit-form}, Tasklist's "Start process") or not ({@code …/start},
 * {@code RuntimeService}). It checks the values the start carries for the form's fields, not whether required fields
 * are there: Yizhan's own API and other clients start an order with its lines as one JSON value instead of the form's
 * rows, and whether a start is complete is for its first step to say (RegisterOrderDelegate, RegisterDisputeDelegate
 * refuse an order or a dispute without what they need).
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.form-rules", havingValue = "true", matchIfMissing = true)
public class FormRulesPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new FormRulesParseListener());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static class FormRulesParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        TaskDefinition task = userTask.getTaskDefinition();
        if (DeployedForms.hasCamundaForm(task.getFormDefinition())) {
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
              new CompletionCheck(new FormRulesCheck(task.getFormDefinition())));
        }
      }
    }

    @Override
    public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEvent) {
      if (scope instanceof ProcessDefinitionEntity process && process.getInitial() == startEvent
          && DeployedForms.hasCamundaForm(process.getStartFormDefinition())) {
        startEvent.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            new StartCheck(new FormRulesCheck(process.getStartFormDefinition())));
      }
    }
  }

  record CompletionCheck(FormRulesCheck check) implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      DelegateExecution execution = task.getExecution();
      if (execution == null) {
        return;
      }
      check.enforce(task, task.getProcessDefinitionId(), execution::getVariable, true);
      if (!task.getVariableNamesLocal().isEmpty()) {
        check.enforce(task, task.getProcessDefinitionId(), task::getVariable, true);
      }
    }
  }

  record StartCheck(FormRulesCheck check) implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      check.enforce(execution, execution.getProcessDefinitionId(), execution::getVariable, false);
    }
  }
}
