package org.yizhan.camunda.webapp;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The sign-ins Camunda's webapps keep in the HTTP session, read without writing anything into the session (Camunda's
 * {@code AuthenticationUtil.getAuthsFromSession} puts an empty sign-in into a session that has none: a write of the
 * shared session on every request that carries a cookie). The webapps' classes are in their impl package; the rest of
 * the station reads them only through here. Verified on Camunda 7.24.0.
 */
public final class WebappSignIns {

  /** Where Camunda's webapps keep their sign-ins in the session ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}). */
  public static final String SESSION_ATTRIBUTE = "authenticatedUser";

  /** A user signed in to one engine through the webapps' login. */
  public record WebappUser(String id, List<String> groups, List<String> tenants) {}

  private WebappSignIns() {}

  /** The user signed in to the engine in this session, if any. */
  public static Optional<WebappUser> user(HttpSession session, String engine) {
    if (session == null || engine == null
        || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof Authentications authentications)
        || !(authentications.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication user)) {
      return Optional.empty();
    }
    return Optional.of(new WebappUser(user.getName(), copy(user.getGroupIds()), copy(user.getTenantIds())));
  }

  /** Whether the session holds no sign-in to any engine (the last one signed out). */
  public static boolean noneLeft(HttpSession session) {
    return !(session.getAttribute(SESSION_ATTRIBUTE) instanceof Authentications authentications)
        || authentications.getAuthentications().isEmpty();
  }

  private static List<String> copy(java.util.Collection<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
