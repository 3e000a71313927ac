package org.yizhan.camunda.identity;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who the engine runs the current command for. {@link IdentityService#getCurrentAuthentication()} is public API but
 * returns a class of the engine's impl package; the rest of the station reads it only through here.
 */
public final class EngineSignIn {

  private EngineSignIn() {}

  /** The signed-in user's id, empty when the engine runs for nobody (the station itself, a job). */
  public static Optional<String> userId(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? Optional.empty() : Optional.ofNullable(authentication.getUserId());
  }

  /** The signed-in user's groups, as the engine's authorization checks see them. */
  public static List<String> groupIds(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }

  /** Runs the work with nobody signed in to the engine, and signs the caller back in afterwards. */
  public static <T> T callAsNobody(IdentityService identity, Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
