package org.yizhan.platform.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * Answers a request that names a task or an execution that does not exist (claim, resolve or delegate a task, read
 * its variables…) with 400 and the engine's message, as Camunda itself answers the same mistake on other endpoints
 * (unclaim, set assignee), instead of the 500 its handler gives every {@link NullValueException}. Only when the
 * missing thing is the one named in the request's path; any other missing value is answered as Camunda answers it.
 * Being specific to that type, this mapper is preferred over Camunda's handler for all engine exceptions.
 */
@Provider
public class MissingValueMapper implements ExceptionMapper<NullValueException> {

  @Context
  private UriInfo request;

  @Override
  public Response toResponse(NullValueException exception) {
    return Refusals.refusalIn(exception, request)
        .map(refusal -> Refusals.badRequest(refusal, exception))
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(exception));
  }
}
