package org.yizhan.platform.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.yizhan.camunda.engine.TaskEndedException;

/**
 * The loser of a race gets 409 instead of Camunda's 500: a task somebody else claimed a moment earlier, a task that
 * somebody else completed (or that ended with its process) a moment earlier, or a change
 * the engine refused because another request changed the same instance or task first (optimistic locking). Nothing
 * was written; the client can reload and see who was first. Being specific to these types, the mappers are preferred
 * over Camunda's handler for all engine exceptions; the same answer for a race reported inside a {@code RestException}
 * comes from {@link RefusedRequestMapper}.
 */
public final class ConflictMappers {

  private ConflictMappers() {}

  @Provider
  public static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException exception) {
      return Refusals.conflict(exception, exception);
    }
  }

  @Provider
  public static class TaskEnded implements ExceptionMapper<TaskEndedException> {
    @Override
    public Response toResponse(TaskEndedException exception) {
      return Refusals.conflict(exception, exception);
    }
  }

  @Provider
  public static class ChangedMeanwhile implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException exception) {
      return Refusals.conflict(exception, exception);
    }
  }
}
