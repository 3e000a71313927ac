package org.yizhan.camunda.forms;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.yizhan.camunda.feel.SafeScalaFeelEngine;

/**
 * FEEL as form-js evaluates it in a form ({@code conditional.hide}, {@code valuesExpression}, bounds written as
 * {@code "=…"}): over every variable the task or process can see, as Tasklist hands them all to the form.
 */
final class FormFeel {

  /** The station's FEEL engine: the values of a process reach a form's rules as plain values only. */
  private static final FeelEngine FEEL = new SafeScalaFeelEngine(List.of());

  private FormFeel() {}

  static Object evaluate(String expression, Function<String, Object> values) {
    return FEEL.evaluateSimpleExpression(expression.startsWith("=") ? expression.substring(1) : expression,
        new Lookup(values));
  }

  /** A variable that does not exist reads as null, as an unset form field does in form-js. */
  private record Lookup(Function<String, Object> values) implements VariableContext {
    @Override
    public TypedValue resolve(String name) {
      return Variables.untypedValue(values.apply(name));
    }

    @Override
    public boolean containsVariable(String name) {
      return true;
    }

    @Override
    public Set<String> keySet() {
      return Set.of();
    }
  }
}
