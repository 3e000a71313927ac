package org.yizhan.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.platform.security.LoginThrottle;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * Who may take an online backup ({@code POST /actuator/backup}), on the tests' in-memory database. Real backups and
 * restores from them are taken in org.yizhan.cluster.BackupRestoreIT on a database file.
 */
@StationTest
class BackupEndpointIT {

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;

  private Response backupAs(String user, String password) {
    StationHttp http = user == null ? StationHttp.anonymous(port) : StationHttp.as(port, user, password);
    return http.postRaw("/actuator/backup", "application/json", "");
  }

  @Test
  void nobodySignedInIsAskedToSignIn() {
    Response answer = backupAs(null, null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(answer.json().get("error").asText()).startsWith("请先登录");
  }

  @Test
  void wrongPasswordIsRefusedAsEverywhereElse() {
    // Not an account the other tests use: the engine delays an account's next sign-in after a wrong password.
    try {
      assertThat(backupAs("nobody.here", "guess").status()).isEqualTo(401);
    } finally {
      throttle.forget("127.0.0.1");
    }
  }

  @Test
  void signedInUsersWhoAreNotAdministratorsAreRefusedWithTheReason() {
    for (String user : new String[] {"wang.fang", "sun.hao", "chen.jing"}) {
      Response answer = backupAs(user, "demo");

      assertThat(answer.status()).as(user + ": " + answer.text()).isEqualTo(403);
      assertThat(answer.json().get("error").asText()).as(user)
          .isEqualTo("没有权限：在运行中备份内置数据库 (Not allowed: Back up the embedded database while the station runs)");
    }
  }

  @Test
  void anAdministratorOnAnInMemoryDatabaseIsToldThereIsNoFileToBackUp() {
    Response answer = backupAs("admin", "admin");

    assertThat(answer.status()).as(answer.text()).isEqualTo(409);
    assertThat(answer.json().get("error").asText()).startsWith("这是内存数据库").contains("in-memory");
  }

  @Test
  void aPostWithoutAJsonContentTypeIsRefusedSoThatNoCrossSiteFormCanTakeOne() {
    Response answer = StationHttp.as(port, "admin", "admin").postRaw("/actuator/backup", "application/x-www-form-urlencoded", "");

    assertThat(answer.status()).as(answer.text()).isEqualTo(415);
  }

  @Test
  void onlyAPostTakesABackup() {
    Response read = StationHttp.as(port, "admin", "admin").get("/actuator/backup");

    assertThat(read.status()).as(read.text()).isIn(404, 405);
  }
}
