package org.yizhan.order;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * "Register order" refuses what was sent to start an order: an unknown resident, an item that cannot be ordered, a
 * value the station works out itself. Camunda's REST API answers a start form ({@code …/submit-form}, which is what
 * Tasklist's start form sends) that fails with this kind of exception with 400 and its message, and any other failure
 * with 500, so the refusal takes this form; {@code POST /api/orders} answers it with 400 too. (A plain
 * {@code …/start} still answers 500 with the message: Camunda maps no exception of a start to 400 there.) Nothing of
 * the order is written: the start's transaction rolls back.
 */
public class OrderRefusedException extends FormFieldValidationException {

  OrderRefusedException(String message) {
    super("registerOrder", message);
  }
}
