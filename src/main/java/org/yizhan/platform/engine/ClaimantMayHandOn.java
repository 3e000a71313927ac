package org.yizhan.platform.engine;

import java.util.Arrays;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default task grants, plus TASK_ASSIGN on a task for whoever it is assigned to, so that a volunteer who
 * claimed a task may give it back or hand it to a colleague. Candidates get READ and TASK_WORK only
 * ({@code default-user-permission-name-for-task: TASK_WORK}): with Camunda's default UPDATE they could also change the
 * task's variables, owner and candidates. {@link WorkThroughTheProcess} keeps the grant to the task's current assignee
 * and to colleagues the task is offered to; a grant left behind after the task moved on does nothing.
 *
 * <p>Camunda internals: {@code DefaultAuthorizationProvider} is the documented extension point
 * ({@code resourceAuthorizationProvider}) but lives in an impl package (verified on 7.24.0).
 */
class ClaimantMayHandOn extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    AuthorizationEntity[] grants = super.newTaskAssignee(task, oldAssignee, newAssignee);
    if (grants != null) {
      Arrays.stream(grants)
          .filter(grant -> grant != null && grant.getResourceType() == Resources.TASK.resourceType())
          .forEach(grant -> grant.addPermission(TaskPermissions.TASK_ASSIGN));
    }
    return grants;
  }
}
