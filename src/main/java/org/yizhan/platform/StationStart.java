package org.yizhan.platform;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.yizhan.platform.security.AsTheStation;

/**
 * The one way the station's API starts a process for a caller it has checked, the same in every capability: as the
 * station ({@link AsTheStation}), with the request's values as they came. The process's first step checks them, once,
 * and either refuses with a {@link RequestRefusedException}, which reaches the caller as it is and leaves nothing
 * behind, or writes the record and gives it its number as the business key, within the start. That number comes back.
 */
public final class StationStart {

  /** The number the first step gave (the business key) and the process instance. */
  public record Started(String number, String processInstanceId) {}

  private StationStart() {}

  public static Started start(IdentityService identity, RuntimeService runtime, String processKey,
      Map<String, Object> variables) {
    ProcessInstance instance = AsTheStation.call(identity,
        () -> runtime.createProcessInstanceByKey(processKey).setVariables(variables).execute());
    if (instance.getBusinessKey() == null) {
      throw new IllegalStateException(processKey + " started without its first step giving the record its number as "
          + "business key: that step must run within the start (no asynchronous continuation before it)");
    }
    return new Started(instance.getBusinessKey(), instance.getId());
  }
}
