package org.yizhan.platform.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.yizhan.camunda.webapp.WebappSignIns;

/**
 * The station user behind a request outside the engine's REST API ({@code /api}, {@code /actuator}): the session of
 * somebody logged in to the webapps, or else HTTP Basic checked against the engine's identity service.
 */
record SignedIn(String id, List<String> groups, List<String> tenants) {

  private static final String ENGINE = "default";

  /** The caller, or null when the request carries no valid session or credentials. */
  static SignedIn of(HttpServletRequest request, IdentityService identity) {
    SignedIn user = fromWebappSession(request.getSession(false));
    return user != null ? user : fromBasicHeader(request.getHeader("Authorization"), identity);
  }

  private static SignedIn fromWebappSession(HttpSession session) {
    return WebappSignIns.user(session, ENGINE).map(user -> new SignedIn(user.id(), user.groups(), user.tenants()))
        .orElse(null);
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
