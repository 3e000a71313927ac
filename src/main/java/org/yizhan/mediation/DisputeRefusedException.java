package org.yizhan.mediation;

import org.yizhan.platform.RequestRefusedException;

/**
 * "登记案件 (Register case)" refuses what was sent to start a case: a building that does not exist, no parties, a
 * value the station works out itself: the station's {@link RequestRefusedException}, which the engine's REST API and
 * Tasklist answer with 400 and its message, and {@code POST /api/disputes} with 400, the field and the message.
 * Nothing of the case is written: the start's transaction rolls back.
 */
public class DisputeRefusedException extends RequestRefusedException {

  /** @param field the start's value at fault ({@code buildingId}), or null when not one value */
  DisputeRefusedException(String field, String message) {
    super(field, message);
  }
}
