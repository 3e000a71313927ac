package org.yizhan.platform.security;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.yizhan.camunda.identity.EngineSignIn;

/**
 * Who completed a task, for the record (who delivered to the door, whose input the joint session heard): the
 * signed-in user who completes it, whoever the task was assigned to, and never a variable. Only when the station
 * itself completes a task (nobody signed in: tests, Java callers) the task's assignee stands.
 */
public final class CompletedBy {

  private CompletedBy() {}

  /** Called from a {@code complete} task listener, which runs in the completing command. */
  public static String of(DelegateTask task) {
    return EngineSignIn.userId(task.getProcessEngineServices().getIdentityService()).orElse(task.getAssignee());
  }
}
