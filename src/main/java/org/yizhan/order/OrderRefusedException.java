package org.yizhan.order;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * "Register order" refuses what was sent to start an order: an unknown resident, an item that cannot be ordered, a
 * value the station works out itself. Camunda's REST API answers a start form ({@code …/submit-form}, which is what
 * Tasklist's start form sends) that fails with this kind of exception with 400 and its message, so the refusal takes
 * this form; a plain {@code …/start} answers it with 400 through
 * {@link org.yizhan.platform.web.RefusedRequestMapper}, and {@code POST /api/orders} with 400 too. Nothing of the
 * order is written: the start's transaction rolls back.
 */
public class OrderRefusedException extends FormFieldValidationException {

  OrderRefusedException(String message) {
    super("registerOrder", message);
  }
}
