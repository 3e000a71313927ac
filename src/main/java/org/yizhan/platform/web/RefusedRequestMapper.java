package org.yizhan.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Answers a refusal of the client's input with 400 wherever the engine's REST API reports it.
 *
 * <p>Our delegates and listeners refuse bad input (an unknown resident, a dispute type that does not exist, a
 * missing signature at the door) with a {@link BadUserRequestException}, the engine's own type for "the caller asked
 * for something wrong", which Camunda's REST API answers with 400 when it arrives on its own; Camunda's form field
 * validators throw a {@code FormFieldValidationException}, which it answers with 400 on {@code …/submit-form}.
 * Several endpoints,
 * though ({@code …/start}, {@code …/task/{id}/complete}, {@code …/submit-form}), wrap whatever the engine throws in a
 * {@link RestException} with status 500, so the client would be told the server failed when its request was refused;
 * and where Camunda does answer 400, it puts "Cannot instantiate process definition station-order:1:6b68…:" in front
 * of the refusal, which Tasklist shows a volunteer as it is. {@link Refusals} says what counts as a refusal.
 *
 * <p>This mapper takes precedence over Camunda's handler for {@link RestException} (a lower {@code @Priority} wins
 * among mappers for the same type) and answers Camunda's 500s and 400s with a refusal behind them with 400 and the
 * refusal's own type and message; everything else (403s and 404s included) is answered as Camunda answers it.
 */
@Provider
@Priority(1000)
public class RefusedRequestMapper implements ExceptionMapper<RestException> {

  @Context
  private UriInfo request;

  @Override
  public Response toResponse(RestException exception) {
    if (!answeredAs500Or400(exception)) {
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
    var conflict = Refusals.conflictIn(exception.getCause());
    if (conflict.isPresent()) {
      return Refusals.conflict(conflict.get(), exception);
    }
    return Refusals.refusalIn(exception.getCause(), request)
        .map(refusal -> Refusals.badRequest(refusal, exception))
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(exception));
  }

  private static boolean answeredAs500Or400(RestException exception) {
    Status status = exception.getStatus();
    return status == null || status == Status.INTERNAL_SERVER_ERROR || status == Status.BAD_REQUEST;
  }
}
