package org.yizhan.camunda.forms;

import java.util.function.Function;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.FormDefinition;

/**
 * The rules of one user task's or start event's Camunda Form, in one process version. A form bound to the
 * deployment or to a fixed version cannot change under that process version, so its rules are read and parsed once
 * (the benchmark's profile had reading and parsing the form on every completion at a sixth of the order flow's CPU
 * time); a {@code latest} binding is read on every check, so a newly deployed form applies at once.
 */
final class FormRulesCheck {

  private final FormDefinition form;
  private volatile TaskFormRules kept;

  FormRulesCheck(FormDefinition form) {
    this.form = form;
  }

  /**
   * Refuses values that break the form's rules with the engine's "bad user request", which rolls the command back
   * and which the REST APIs answer with 400 and the message.
   */
  void enforce(VariableScope scope, String processDefinitionId, Function<String, Object> values,
      boolean requireFilled) {
    TaskFormRules rules = rules(scope, processDefinitionId);
    if (rules != null) {
      rules.firstProblem(values, requireFilled).ifPresent(problem -> {
        throw new BadUserRequestException(problem);
      });
    }
  }

  private TaskFormRules rules(VariableScope scope, String processDefinitionId) {
    TaskFormRules rules = kept;
    if (rules == null) {
      rules = DeployedForms.read(form, scope, processDefinitionId).map(TaskFormRules::new).orElse(null);
      if (rules != null && DeployedForms.isFixed(form)) {
        kept = rules;
      }
    }
    return rules;
  }
}
