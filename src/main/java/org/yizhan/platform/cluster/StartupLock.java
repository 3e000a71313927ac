package org.yizhan.platform.cluster;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * One node at a time does the start-up work on a shared database: Flyway's migrations, Camunda's schema check (and its
 * creation on an empty database), the engine's bootstrap, the administrator and filters the starter creates, and the
 * start-up runners (model deployment, permission table and Tasklist filters, demo seeds, data fixes). Each of these
 * checks what is there and writes what is missing, which two nodes starting at the same moment would both do.
 *
 * <p>On PostgreSQL this bean takes the session advisory lock {@link ClusterLock.Key#STARTUP} on a connection of its own
 * when it is created; {@link StartupOrder} makes Flyway and the process engine wait for it. It lets the lock go when
 * the application is ready (after every runner), when the start fails, or when the context closes; a node that dies
 * loses it with its connection. A node that finds the lock taken waits up to {@code yizhan.cluster.startup-lock-wait}
 * and then fails to start, naming the node it waited for. On any other database (H2, one node) it does nothing.
 */
@Component(StartupLock.BEAN_NAME)
public class StartupLock implements DisposableBean {

  public static final String BEAN_NAME = "startupLock";

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  private static final Duration PAUSE = Duration.ofMillis(200);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final Duration limit;
  private final SessionLock lock;
  private final Duration waited;
  private final long takenAt;

  public StartupLock(DataSource dataSource, @Value("${yizhan.cluster.startup-lock-wait:PT5M}") Duration limit)
      throws Exception {
    this.dataSource = dataSource;
    this.limit = limit;
    if (!ClusterLock.isPostgres(dataSource)) {
      this.lock = null;
      this.waited = Duration.ZERO;
      this.takenAt = System.nanoTime();
      return;
    }
    Connection connection = dataSource.getConnection();
    try {
      SessionLock[] taken = new SessionLock[1];
      this.waited = new LockWait(limit, PAUSE, REPORT_EVERY, LockWait.Clock.SYSTEM).await(() -> {
        Optional<SessionLock> attempt = SessionLock.tryTake(connection, ClusterLock.Key.STARTUP, holderName(),
            this::discard);
        attempt.ifPresent(held -> taken[0] = held);
        return attempt.isPresent();
      }, new WaitReport(connection));
      this.lock = taken[0];
      this.takenAt = System.nanoTime();
    } catch (Exception e) {
      connection.close();
      throw e;
    }
    LOG.info("已取得启动锁 (Start-up lock taken), waited {} ms for other nodes' start", waited.toMillis());
  }

  /** How long this node waited for another node's start before it could start its own. */
  public Duration waited() {
    return waited;
  }

  /** Whether this node still holds the lock (false on H2, which has no other node to wait for). */
  public boolean held() {
    return lock != null && lock.held();
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    release("ready");
  }

  @EventListener(ApplicationFailedEvent.class)
  void failed() {
    release("start failed");
  }

  @EventListener(ContextClosedEvent.class)
  void closed() {
    release("stopping");
  }

  @Override
  public void destroy() {
    release("stopping");
  }

  private void release(String why) {
    if (!held()) {
      return;
    }
    try {
      lock.release();
      LOG.info("已释放启动锁 (Start-up lock released: {}) after {} ms of start-up work", why,
          Duration.ofNanos(System.nanoTime() - takenAt).toMillis());
    } catch (SQLException e) {
      // The connection was discarded, so the session and the lock end with it.
      LOG.warn("启动锁未能正常释放，已丢弃其连接 (Could not release the start-up lock; its connection was discarded): {}",
          e.getMessage());
    }
  }

  private void discard(Connection connection) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException e) {
      LOG.warn("Could not discard the start-up lock's connection: {}", e.getMessage());
    }
  }

  /** Tells the operator who this node waits for, every few seconds and when it gives up. */
  private final class WaitReport implements LockWait.Report {
    private final Connection connection;

    WaitReport(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void stillWaiting(Duration waited) {
      LOG.info("另一节点正在启动，本节点等待启动锁 (Another node is starting; this node waits for the start-up lock): "
          + "{} s of at most {} s; held by {}", waited.toSeconds(), limit.toSeconds(), holder());
    }

    @Override
    public RuntimeException gaveUp(Duration waited) {
      return new IllegalStateException("等待启动锁 " + waited.toSeconds() + " 秒后放弃启动 (Gave up starting after waiting "
          + waited.toSeconds() + " s for the start-up lock): another node has been starting all that time, held by "
          + holder() + ". Look at that node's log; if it hangs, stop it and this node can start. To wait longer set "
          + "yizhan.cluster.startup-lock-wait (now " + limit + ").");
    }

    private String holder() {
      try {
        return SessionLock.holder(connection, ClusterLock.Key.STARTUP);
      } catch (SQLException e) {
        return "(unknown: " + e.getMessage() + ")";
      }
    }
  }

  /** The name the lock's session carries in pg_stat_activity while this node holds it. */
  static String holderName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        host = "unknown-host";
      }
    }
    return "yizhan start-up " + host + " pid " + ProcessHandle.current().pid();
  }

}
