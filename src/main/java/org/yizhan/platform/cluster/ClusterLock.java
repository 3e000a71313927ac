package org.yizhan.platform.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work that only one node of a cluster may do at a time: check-then-write work such as deploying the models or loading
 * the seeds, which two nodes on one database would otherwise both do.
 *
 * <p>On PostgreSQL this is an advisory lock of the transaction ({@code pg_advisory_xact_lock}): every node sharing the
 * database waits for it, and PostgreSQL lets it go when the transaction ends, also when the node holding it dies. On
 * any other database (the embedded H2, which one node opens alone) it is a lock within this JVM.
 *
 * <p>Each {@link Key} is a lock of its own, so that the startup of one node and a model deployment of another do not
 * wait for each other more than they must.
 */
@Component
public class ClusterLock {

  /** The locks; the number is the advisory lock's key (an arbitrary constant, "YZ" and a counter). */
  public enum Key {
    /** Creating the schema, the administrator, the filters and the seeds of an empty database. */
    STARTUP(0x595A_0001L),
    /** Deciding which models changed and deploying them. */
    MODELS(0x595A_0002L);

    private final long advisoryKey;

    Key(long advisoryKey) {
      this.advisoryKey = advisoryKey;
    }

    public long advisoryKey() {
      return advisoryKey;
    }
  }

  /** How long a node waits for another node's lock (and, inside it, for any row lock) before it gives up. */
  static final String LOCK_WAIT = "60s";

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Map<Key, ReentrantLock> local = new ConcurrentHashMap<>();
  private volatile Boolean postgres;

  public ClusterLock(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Runs the work in one transaction that holds the lock from its start to its commit or rollback. Camunda's services
   * called inside join this transaction (Spring-managed engine), so what they read and write is covered too.
   */
  public <T> T inTransaction(Key key, Supplier<T> work) {
    ReentrantLock inThisJvm = local.computeIfAbsent(key, k -> new ReentrantLock());
    inThisJvm.lock();
    try {
      return transaction.execute(status -> {
        if (onPostgres()) {
          // Waits at most a minute for the node holding it, then fails (a folder check is tried again at the next
          // look): a node cut off from the network keeps its locks until PostgreSQL notices (the postgres profile's
          // TCP keepalives), and nothing should hang on it meanwhile. For this transaction only.
          jdbc.sql("select set_config('lock_timeout', ?, true)").param(LOCK_WAIT).query().singleRow();
          jdbc.sql("select pg_advisory_xact_lock(?)").param(key.advisoryKey()).query().singleRow();
        }
        return work.get();
      });
    } finally {
      inThisJvm.unlock();
    }
  }

  /** Whether the lock spans nodes (the database is PostgreSQL) rather than this JVM only. */
  public boolean spansNodes() {
    return onPostgres();
  }

  private boolean onPostgres() {
    if (postgres == null) {
      try {
        postgres = isPostgres(dataSource);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot tell which database this is", e);
      }
    }
    return postgres;
  }

  /** Whether the database is PostgreSQL, the one where locks span nodes (the start-up lock asks too). */
  static boolean isPostgres(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
  }
}
