package org.yizhan.platform.web;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Answers a refusal of the client's input with 400 wherever the engine's REST API reports it.
 *
 * <p>Our delegates and listeners refuse bad input (an unknown resident, a dispute type that does not exist, a
 * missing signature at the door) with a {@link BadUserRequestException}, the engine's own type for "the caller asked
 * for something wrong", which Camunda's REST API answers with 400 when it arrives on its own, or with a
 * {@link FormFieldValidationException}, which it answers with 400 on {@code …/submit-form}. Several endpoints,
 * though ({@code …/start}, {@code …/task/{id}/complete}, {@code …/submit-form}), wrap whatever the engine throws in a
 * {@link RestException} with status 500, so the client would be told the server failed when its request was refused.
 * The same goes for a task or an execution that does not exist: the engine reports it with a
 * {@link NullValueException}, which Camunda answers with 500 too (see {@link MissingValueMapper}).
 *
 * <p>This mapper takes precedence over Camunda's handler for {@link RestException} (a lower {@code @Priority} wins
 * among mappers for the same type) and answers exactly those with 400 and the refusal's own type and message,
 * without Camunda's technical prefix; everything else is answered as Camunda answers it.
 */
@Provider
@Priority(1000)
public class RefusedRequestMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    Optional<Throwable> refusal = answersAsRefusal(exception) ? refusalBehind(exception) : Optional.empty();
    if (refusal.isEmpty()) {
      return camunda.getResponse(exception);
    }
    // The refusal's own words: "Cannot instantiate process definition station-order:1:6b68…: " in front of them
    // tells a volunteer in Tasklist nothing.
    return Response.status(Status.BAD_REQUEST)
        .entity(camunda.fromException(refusal.get()))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  /** Camunda's 500s, and its 400s (a start form or task form it refused), but not its 403s and 404s. */
  private static boolean answersAsRefusal(RestException exception) {
    Status status = exception.getStatus();
    return status == null || status == Status.INTERNAL_SERVER_ERROR || status == Status.BAD_REQUEST;
  }

  private static Optional<Throwable> refusalBehind(RestException exception) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (isRefusal(cause)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }

  /**
   * A refusal of what the client sent: the engine's "bad user request", a form validation failure, or a value the
   * engine needed and did not find, which through the REST API is always something the request named (a task or an
   * execution that does not exist).
   */
  private static boolean isRefusal(Throwable exception) {
    return exception instanceof BadUserRequestException || exception instanceof FormFieldValidationException
        || exception instanceof NullValueException;
  }
}
