package org.yizhan.order;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * "Register order" refuses what was sent to start an order: an unknown resident, an item that cannot be ordered, a
 * value the station works out itself. A bad user request in the engine's terms, as the other processes' refusals
 * are, so the engine's REST API answers it with 400 and its message on every endpoint (through
 * {@link org.yizhan.platform.web.RefusedRequestMapper}), and {@code POST /api/orders} with 400 too. Nothing of the
 * order is written: the start's transaction rolls back.
 */
public class OrderRefusedException extends BadUserRequestException {

  private final String field;

  OrderRefusedException(String message) {
    this(null, message);
  }

  /** @param field the path of the request's field at fault ({@code items[1].quantity}), or null */
  OrderRefusedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request's field at fault, for {@code POST /api/orders}'s answer; null when not one field. */
  public String field() {
    return field;
  }
}
