package org.yizhan.platform.security;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.yizhan.platform.web.ApiException;

/** Who is calling the API, as the authentication filter signed them in to the engine. */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  public List<String> groups() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }

  /** Refuses with 403 unless the caller belongs to one of the groups. */
  public void requireAnyOf(Collection<String> groups, String refusal) {
    if (groups().stream().noneMatch(groups::contains)) {
      throw ApiException.forbidden(refusal);
    }
  }
}
