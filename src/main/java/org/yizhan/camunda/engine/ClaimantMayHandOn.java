package org.yizhan.camunda.engine;

import java.util.Arrays;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default task grants, with two changes, so that whoever holds a task, and only they, may hand it on:
 * <ul>
 *   <li>the assignee also gets TASK_ASSIGN on that task, to give it back or hand it to a colleague; candidates get READ
 *       and TASK_WORK only ({@code default-user-permission-name-for-task: TASK_WORK}), because Camunda's default
 *       UPDATE would also let them change the task's variables, owner and candidates;</li>
 *   <li>when the task moves on, the previous assignee's own grant on it goes (Camunda keeps it): otherwise whoever
 *       once held a task could still read, complete or take it after it was handed on, even after leaving the group.
 *       A previous assignee who is also one of the task's candidate users or its owner keeps theirs.</li>
 * </ul>
 * {@link WorkThroughTheProcess} keeps assignments to the task's candidates.
 *
 * <p>Camunda internals: {@code DefaultAuthorizationProvider} is the documented extension point
 * ({@code resourceAuthorizationProvider}) but lives in an impl package, and the previous assignee's grant is removed
 * through the command context's authorization manager (verified on 7.24.0).
 */
class ClaimantMayHandOn extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !keepsOwnGrant(task, oldAssignee)) {
      Context.getCommandContext().getAuthorizationManager()
          .deleteAuthorizationsByResourceIdAndUserId(Resources.TASK, task.getId(), oldAssignee);
    }
    AuthorizationEntity[] grants = super.newTaskAssignee(task, oldAssignee, newAssignee);
    if (grants != null) {
      Arrays.stream(grants)
          .filter(grant -> grant != null && grant.getResourceType() == Resources.TASK.resourceType())
          .forEach(grant -> grant.addPermission(TaskPermissions.TASK_ASSIGN));
    }
    return grants;
  }

  private static boolean keepsOwnGrant(Task task, String userId) {
    if (userId.equals(task.getOwner())) {
      return true;
    }
    return task instanceof DelegateTask delegate && delegate.getCandidates().stream()
        .anyMatch(link -> userId.equals(link.getUserId()) && IdentityLinkType.CANDIDATE.equals(link.getType()));
  }
}
