package org.yizhan.camunda.forms;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Recognises the failure of a form field's validator (Camunda's built-in constraints and the station's form rules):
 * its exception type lives in the engine's impl package, and the rest of the station asks only through here.
 */
public final class FormValidationFailures {

  private FormValidationFailures() {}

  public static boolean isOne(Throwable exception) {
    return exception instanceof FormFieldValidationException;
  }
}
