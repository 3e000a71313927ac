package org.yizhan.platform.web;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yizhan.camunda.engine.TaskEndedException;
import org.yizhan.camunda.forms.FormValidationFailures;

/** What counts as the client's mistake behind an exception of the engine's REST API, and the 400 that answers it. */
final class Refusals {

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

  private Refusals() {}

  /**
   * The refusal behind an exception: the engine's "bad user request" or a form validation failure (both thrown by our
   * steps for input they refuse, and by the engine for requests it cannot serve), or the engine's report that a task
   * or execution is missing when it is the very one the request names in its path ({@code …/task/{id}/claim}). A
   * missing value the request did not name (say, a called process that is not deployed) stays the server's failure.
   */
  static Optional<Throwable> refusalIn(Throwable exception, UriInfo request) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException || FormValidationFailures.isOne(cause)
          || cause instanceof NullValueException missing && namesPathId(missing, request)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }

  /**
   * The lost race behind an exception: a task claimed by somebody else first, a task that ended meanwhile, or a change
   * made meanwhile.
   */
  static Optional<Throwable> conflictIn(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskAlreadyClaimedException || cause instanceof TaskEndedException
          || cause instanceof OptimisticLockingException) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }

  /**
   * 409 with the conflict's type and, after a sentence for the person, the engine's message (the station's own
   * conflicts are written for the person already).
   */
  static Response conflict(Throwable conflict, Throwable reported) {
    LOG.debug("Answering with 409: {}", conflict.getMessage(), reported);
    ExceptionDto body = ExceptionHandlerHelper.getInstance().fromException(conflict);
    if (!(conflict instanceof TaskEndedException)) {
      String first = conflict instanceof TaskAlreadyClaimedException
          ? "任务已被别人认领 (Somebody else claimed this task first; reload to see who)"
          : "别人刚刚改动了同一件事 (Somebody else changed this at the same moment; reload and try again)";
      body.setMessage(first + ": " + conflict.getMessage());
    }
    return Response.status(Status.CONFLICT).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** 400 with the refusal's own type and message, in the body Camunda's REST API uses. */
  static Response badRequest(Throwable refusal, Throwable reported) {
    LOG.debug("Answering with 400: {}", refusal.getMessage(), reported);
    return Response.status(Status.BAD_REQUEST)
        .entity(ExceptionHandlerHelper.getInstance().fromException(refusal))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static boolean namesPathId(NullValueException missing, UriInfo request) {
    String message = missing.getMessage();
    List<String> ids = request == null ? List.of() : request.getPathParameters().getOrDefault("id", List.of());
    return message != null && ids.stream()
        .anyMatch(id -> Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])").matcher(message).find());
  }
}
