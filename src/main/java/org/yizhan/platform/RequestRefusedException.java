package org.yizhan.platform;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A capability refuses what it was asked to do: an unknown resident, an item that cannot be ordered, a note too long.
 * It says what is wrong in words the person who sent it can act on (Chinese first, English in brackets) and, where one
 * field is at fault, that field's path ({@code items[1].quantity}). It knows nothing of HTTP: the station's API
 * answers it with 400 {@code {error, field}} ({@code platform/web/ApiErrorHandler}), the engine's REST API with 400 and
 * its message, as it answers every {@link BadUserRequestException}; thrown in a process start or a task's completion,
 * it rolls everything of that transaction back.
 */
public class RequestRefusedException extends BadUserRequestException {

  private final String field;

  /** @param field the path of the request's field at fault, or null when not one field is */
  public RequestRefusedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request's field at fault; null when not one field. */
  public String field() {
    return field;
  }
}
