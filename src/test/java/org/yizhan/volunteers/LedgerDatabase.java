package org.yizhan.volunteers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yizhan.support.cluster.FreshPostgres;

import com.zaxxer.hikari.HikariDataSource;

/**
 * An empty database of the station's migrations for the points ledger, without the app: a pool of a few connections
 * (one per "node" or request of a test, and one to look on) and a ledger on it, as the app wires it.
 */
final class LedgerDatabase implements AutoCloseable {

  enum Kind {
    H2, POSTGRESQL
  }

  private final Kind kind;
  private final FreshPostgres postgres;
  private final HikariDataSource pool;
  final JdbcClient jdbc;
  final TransactionTemplate transaction;
  final PointsLedger ledger;
  private final DataSourceTransactionManager transactions;

  private LedgerDatabase(Kind kind, FreshPostgres postgres, HikariDataSource pool) {
    this.kind = kind;
    this.postgres = postgres;
    this.pool = pool;
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
    this.jdbc = JdbcClient.create(pool);
    this.transaction = new TransactionTemplate(transactions);
    this.transactions = transactions;
    this.ledger = new PointsLedger(jdbc, transactions, false);
  }

  /** A ledger as the app wires it while nodes of a release before V9 still run ({@code yizhan.points.nodes-before-v9}). */
  PointsLedger ledgerWhileNodesBeforeV9Run() {
    return new PointsLedger(jdbc, transactions, true);
  }

  /** Migrated up to {@code version}, or to the newest when it is null. Skips the test without a PostgreSQL server. */
  static LedgerDatabase create(Kind kind, String version) throws Exception {
    return create(kind, version, "");
  }

  /** On H2, with a lock timeout of this many milliseconds instead of H2's default. */
  static LedgerDatabase h2WithLockTimeout(int millis) throws Exception {
    return create(Kind.H2, null, ";LOCK_TIMEOUT=" + millis);
  }

  private static LedgerDatabase create(Kind kind, String version, String h2Settings) throws Exception {
    FreshPostgres postgres = null;
    HikariDataSource pool = new HikariDataSource();
    pool.setMaximumPoolSize(4);
    if (kind == Kind.H2) {
      // The app's H2 settings, in memory.
      pool.setJdbcUrl("jdbc:h2:mem:points-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256"
          + h2Settings);
      pool.setUsername("sa");
    } else {
      assumeTrue(FreshPostgres.available(), "PostgreSQL at 127.0.0.1:5432 is not running: tested on H2 only");
      postgres = FreshPostgres.create("yizhan_points_ledger_test");
      pool.setJdbcUrl(postgres.jdbcUrl());
      pool.setUsername("postgres");
    }
    LedgerDatabase database = new LedgerDatabase(kind, postgres, pool);
    database.migrate(version);
    return database;
  }

  void migrate(String version) {
    var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
    (version == null ? flyway : flyway.target(version)).load().migrate();
  }

  /**
   * How many sessions wait for a lock another holds: how a test sees that a transaction is stuck behind another. H2
   * names the blocker of a row lock; a key another transaction inserted and has not committed it does not wait for
   * but retries the insert until its lock timeout, so that session shows as running the insert.
   */
  int sessionsWaitingForALock() {
    String waiting = kind == Kind.H2
        ? "select count(*) from information_schema.sessions where blocker_id is not null"
            + " or lower(executing_statement) like 'insert into volunteer_balance%'"
        : "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'";
    return jdbc.sql(waiting).query(Integer.class).single();
  }

  /** The sum of the volunteer's entries, straight from the table. */
  int sumOfEntries(String userId) {
    return jdbc.sql("select coalesce(sum(points), 0) from volunteer_points where user_id = ?").param(userId)
        .query(Integer.class).single();
  }

  @Override
  public void close() throws Exception {
    if (kind == Kind.H2) {
      jdbc.sql("shutdown").update();
    }
    pool.close();
    if (postgres != null) {
      postgres.close();
    }
  }
}
