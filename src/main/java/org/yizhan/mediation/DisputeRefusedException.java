package org.yizhan.mediation;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * "登记案件 (Register case)" refuses what was sent to start a case: a building that does not exist, no parties, a
 * value the station works out itself. A bad user request in the engine's terms, so the engine's REST API and Tasklist
 * answer it with 400 and its message; {@code POST /api/disputes} answers 400 with the field and the message too.
 * Nothing of the case is written: the start's transaction rolls back.
 */
public class DisputeRefusedException extends BadUserRequestException {

  private final String field;

  /** @param field the start's value at fault ({@code buildingId}), or null when not one value */
  DisputeRefusedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The value at fault, named as the start form and the request name it; null when not one value. */
  public String field() {
    return field;
  }
}
