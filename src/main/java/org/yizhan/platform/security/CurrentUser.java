package org.yizhan.platform.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.yizhan.camunda.identity.EngineSignIn;
import org.yizhan.platform.web.ApiException;

/** Who is calling the API, as the authentication filter signed them in to the engine. */
@Component
public class CurrentUser {

  private final IdentityService identityService;
  private final StationPermissions permissions;

  public CurrentUser(IdentityService identityService, StationPermissions permissions) {
    this.identityService = identityService;
    this.permissions = permissions;
  }

  public String id() {
    return EngineSignIn.userId(identityService).orElse(null);
  }

  public List<String> groups() {
    return EngineSignIn.groupIds(identityService);
  }

  /** Whether the station's permission table lets the caller do what its line says. */
  public boolean may(String permission) {
    return permissions.allows(groups(), permission);
  }

  /** Refuses with 403, naming what the caller may not do, unless the permission table lets them. */
  public void require(String permission) {
    if (!may(permission)) {
      String what = permissions.line(permission).what();
      int english = what.indexOf(" (");
      throw ApiException.forbidden(english < 0 ? "没有权限：" + what
          : "没有权限：" + what.substring(0, english) + " (Not allowed: " + what.substring(english + 2));
    }
  }
}
