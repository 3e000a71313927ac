package org.yizhan.platform.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * Answers a request that names a task or an execution that does not exist (claim, resolve or delegate a task, read
 * its variables…) with 400 and the engine's message, as Camunda itself answers the same mistake on other endpoints
 * (unclaim, set assignee), instead of the 500 its handler gives every {@link NullValueException}. Being specific to
 * that type, it is preferred over Camunda's handler for all engine exceptions.
 */
@Provider
public class MissingValueMapper implements ExceptionMapper<NullValueException> {

  @Override
  public Response toResponse(NullValueException exception) {
    return Response.status(Status.BAD_REQUEST)
        .entity(ExceptionHandlerHelper.getInstance().fromException(exception))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
