package org.yizhan.delivery;

import org.yizhan.platform.RequestRefusedException;

/**
 * A delivery cannot be started as it was asked for: an unknown resident, a kind the station does not deliver, a note
 * too long, a number or an order the station gives itself. Thrown by "Prepare delivery" (and for rounds by
 * {@link DeliveryService}) before anything is written; the start's transaction rolls back.
 */
public class DeliveryRefusedException extends RequestRefusedException {

  /** @param field the request's field at fault, or null when not one field is */
  DeliveryRefusedException(String field, String message) {
    super(field, message);
  }
}
