package org.yizhan.camunda.engine;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An expression tried to reach what {@link ExpressionPolicy} does not allow. A "bad user request" in Camunda's terms,
 * so that the REST API answers it with 400 and its message wherever it ends up (see platform/web/Refusals).
 */
public class UnsafeExpressionException extends BadUserRequestException {

  private static final long serialVersionUID = 1L;

  public UnsafeExpressionException(String message) {
    super(message);
  }
}
