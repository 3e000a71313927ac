package org.yizhan.platform.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.yizhan.camunda.identity.EngineSignIn;

/**
 * Who started a process, for the record (the volunteer who placed an order, the case owner 首接责任人): the signed-in
 * user. Camunda fills the initiator variable ({@code camunda:initiator}) from the signed-in user, but a start variable
 * of the same name sent by the client overwrites it, so the variable alone would let anybody record a colleague. The
 * engine takes no such variable from anybody but an administrator (a start carries its start form's fields only,
 * {@code WorkThroughTheProcess}); an administrator's value that is not the signed-in user is refused here. Without a
 * signed-in user (the station's own starts: {@code POST /api/orders} for the desk user it checked, demo seeds, Java
 * callers) the variable the station set stands.
 */
public final class StartedBy {

  private StartedBy() {}

  /** The signed-in user who starts the process; the first step of a process calls it, synchronously. */
  public static String of(DelegateExecution execution, String initiatorVariable) {
    Object recorded = execution.getVariable(initiatorVariable);
    String signedIn = EngineSignIn.userId(execution.getProcessEngineServices().getIdentityService()).orElse(null);
    if (signedIn == null) {
      return recorded == null ? null : recorded.toString();
    }
    if (recorded != null && !signedIn.equals(recorded)) {
      throw new BadUserRequestException("经办人由驿站按登录用户记录 (" + initiatorVariable + " is recorded by the station as "
          + "the signed-in user; leave it out of the request)");
    }
    return signedIn;
  }
}
