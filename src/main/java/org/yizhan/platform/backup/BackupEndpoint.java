package org.yizhan.platform.backup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;
import org.yizhan.platform.security.StationPermissions;

/**
 * {@code POST /actuator/backup}: an online backup of the embedded database, for the administrators the permission
 * table allows ({@value #PERMISSION}). Answers the backup's file name and size; the directory is the station's
 * setting ({@code yizhan.backup.dir}), never the caller's. An actuator endpoint rather than an {@code /api} one because
 * it is an operator's tool: the load balancer's example answers 404 for {@code /actuator} from outside, so it is called
 * on the node itself (a cron job on the machine, or an administrator logged in to it).
 *
 * <p>Who is asking comes from {@code ActuatorCallerFilter}, which answers 401 to a caller who is not signed in; the
 * caller's groups are the request's roles.
 */
@Component
@WebEndpoint(id = "backup")
public class BackupEndpoint {

  static final String PERMISSION = "station.backup";

  private final DatabaseBackup backup;
  private final StationPermissions permissions;

  public BackupEndpoint(DatabaseBackup backup, StationPermissions permissions) {
    this.backup = backup;
    this.permissions = permissions;
  }

  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> takeBackup(SecurityContext caller) {
    if (caller.getPrincipal() == null) {
      return error(401, "请先登录 (Sign in as an administrator)");
    }
    if (permissions.groupsAllowed(PERMISSION).stream().noneMatch(caller::isUserInRole)) {
      String what = permissions.line(PERMISSION).what();
      int english = what.indexOf(" (");
      return error(403, "没有权限：" + what.substring(0, english) + " (Not allowed: " + what.substring(english + 2));
    }
    try {
      BackupFile taken = backup.take(caller.getPrincipal().getName());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file", taken.file());
      body.put("bytes", taken.bytes());
      body.put("takenAt", taken.takenAt().toString());
      return new WebEndpointResponse<>(body, 200);
    } catch (BackupRefused refused) {
      return error(409, refused.getMessage());
    } catch (DatabaseBackup.BackupFailed failed) {
      return error(500, failed.getMessage());
    }
  }

  private static WebEndpointResponse<Map<String, Object>> error(int status, String message) {
    return new WebEndpointResponse<>(Map.of("error", message), status);
  }
}
