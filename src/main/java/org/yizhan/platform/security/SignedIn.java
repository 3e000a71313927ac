package org.yizhan.platform.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The station user behind a request outside the engine's REST API ({@code /api}, {@code /actuator}): the session of
 * somebody logged in to the webapps, or else HTTP Basic checked against the engine's identity service.
 */
record SignedIn(String id, List<String> groups, List<String> tenants) {

  private static final String ENGINE = "default";

  /** Where Camunda's webapps keep their sign-in in the session ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}). */
  static final String WEBAPP_SIGN_IN = "authenticatedUser";

  /** The caller, or null when the request carries no valid session or credentials. */
  static SignedIn of(HttpServletRequest request, IdentityService identity) {
    SignedIn user = fromWebappSession(request.getSession(false));
    return user != null ? user : fromBasicHeader(request.getHeader("Authorization"), identity);
  }

  private static SignedIn fromWebappSession(HttpSession session) {
    if (session == null) {
      return null;
    }
    // Read, never created: AuthenticationUtil.getAuthsFromSession would write an empty sign-in into a session nobody
    // signed in to, a database write (shared sessions) on every /api request that carries a stale cookie.
    var authentications = (Authentications) session.getAttribute(WEBAPP_SIGN_IN);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication authentication)) {
      return null;
    }
    return new SignedIn(authentication.getName(), List.copyOf(authentication.getGroupIds()),
        List.copyOf(authentication.getTenantIds()));
  }

  private static SignedIn fromBasicHeader(String header, IdentityService identity) {
    BasicCredentials credentials = BasicCredentials.of(header).orElse(null);
    if (credentials == null || credentials.user().isEmpty() || credentials.password() == null
        || !identity.checkPassword(credentials.user(), credentials.password())) {
      return null;
    }
    String userId = credentials.user();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return new SignedIn(userId, groups, tenants);
  }
}
