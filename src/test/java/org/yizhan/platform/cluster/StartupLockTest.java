package org.yizhan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yizhan.support.cluster.FreshPostgres;

import com.zaxxer.hikari.HikariDataSource;

/** Two "nodes" here are two connection pools on one fresh PostgreSQL database. */
class StartupLockTest {

  private FreshPostgres database;
  private final List<HikariDataSource> pools = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    pools.forEach(HikariDataSource::close);
    if (database != null) {
      database.close();
    }
  }

  private HikariDataSource node() throws Exception {
    assumeTrue(FreshPostgres.available(), "PostgreSQL at 127.0.0.1:5432 is not running: the start-up lock is not tested");
    if (database == null) {
      database = FreshPostgres.create("yz_startup_lock_test");
    }
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(database.jdbcUrl());
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(1);
    pools.add(pool);
    return pool;
  }

  @Test
  void aSecondNodeWaitsAndGivesUpNamingTheNodeThatHoldsTheLock() throws Exception {
    StartupLock first = new StartupLock(node(), Duration.ofMinutes(1));

    assertThat(first.held()).isTrue();
    assertThatThrownBy(() -> new StartupLock(node(), Duration.ofMillis(500)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("启动锁")
        .hasMessageContaining(StartupLock.holderName())
        .hasMessageContaining("yizhan.cluster.startup-lock-wait");
  }

  @Test
  void whenTheFirstNodeIsReadyTheNextTakesTheLock() throws Exception {
    StartupLock first = new StartupLock(node(), Duration.ofMinutes(1));
    first.ready();

    StartupLock second = new StartupLock(node(), Duration.ZERO);

    assertThat(first.held()).isFalse();
    assertThat(second.held()).isTrue();
  }

  @Test
  void aFailedOrClosedStartLetsTheLockGoToo() throws Exception {
    StartupLock failed = new StartupLock(node(), Duration.ofMinutes(1));
    failed.failed();
    StartupLock closed = new StartupLock(node(), Duration.ZERO);
    closed.destroy();

    assertThat(new StartupLock(node(), Duration.ZERO).held()).isTrue();
  }

  @Test
  void theLockOfANodeThatDiedIsFreeForTheNext() throws Exception {
    StartupLock dying = new StartupLock(node(), Duration.ofMinutes(1));
    try (Connection admin = database.connect(); Statement sql = admin.createStatement()) {
      // What kill -9 of the node does to its sessions.
      sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
          + StartupLock.holderName() + "'");
    }

    assertThat(dying.held()).as("the dead node cannot know").isTrue();
    assertThat(new StartupLock(node(), Duration.ofSeconds(30)).held()).isTrue();
  }

  @Test
  void theReleasedConnectionGoesBackToItsPoolWithoutTheLockOrTheName() throws Exception {
    HikariDataSource pool = node(); // one connection only: the one that held the lock
    new StartupLock(pool, Duration.ofMinutes(1)).ready();

    try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("select (select count(*) from pg_locks where locktype = 'advisory'), "
            + "current_setting('application_name')")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
      assertThat(row.getString(2)).doesNotStartWith("yizhan start-up");
    }
  }

  @Test
  void onH2ThereIsNoOtherNodeAndNothingIsLocked() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:startup-lock-test");

    StartupLock lock = new StartupLock(h2, Duration.ZERO);

    assertThat(lock.held()).isFalse();
    assertThat(lock.waited()).isZero();
  }
}
