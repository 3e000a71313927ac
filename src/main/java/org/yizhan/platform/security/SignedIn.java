package org.yizhan.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

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
    if (session == null) {
      return null;
    }
    var authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication authentication)) {
      return null;
    }
    return new SignedIn(authentication.getName(), List.copyOf(authentication.getGroupIds()),
        List.copyOf(authentication.getTenantIds()));
  }

  private static SignedIn fromBasicHeader(String header, IdentityService identity) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    if (!identity.checkPassword(userId, decoded.substring(colon + 1))) {
      return null;
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return new SignedIn(userId, groups, tenants);
  }
}
