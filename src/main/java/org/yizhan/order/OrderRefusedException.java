package org.yizhan.order;

import org.yizhan.platform.RequestRefusedException;

/**
 * An order cannot be placed as it was sent: an item that cannot be ordered, a quantity out of bounds, a value the
 * station works out itself. Thrown by {@link OrderValidator} and "Register order", whichever way the order came (the
 * API or Tasklist's start form); nothing of the order is written, the start's transaction rolls back.
 */
public class OrderRefusedException extends RequestRefusedException {

  OrderRefusedException(String message) {
    this(null, message);
  }

  /** @param field the path of the request's field at fault ({@code items[1].quantity}), or null */
  OrderRefusedException(String field, String message) {
    super(field, message);
  }
}
