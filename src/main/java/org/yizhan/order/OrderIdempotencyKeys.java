package org.yizhan.order;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The idempotency keys orders were placed with (table order_idempotency_key, migration V7): per signed-in user, each
 * key names the one order it placed and the fingerprint of the request that placed it. Kept {@link #RETENTION}; after
 * that the key is forgotten and may place a new order.
 */
@Component
class OrderIdempotencyKeys {

  /** How long a key finds its order again. Retries come within seconds or minutes; a week covers a client that was off. */
  static final Duration RETENTION = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(OrderIdempotencyKeys.class);

  /** A key already used for an order, and by which request. */
  record Used(String fingerprint, String orderNo) {}

  /** Another request with the same key holds it, or has just committed it: this transaction must roll back. */
  static class Taken extends RuntimeException {
    Taken(Throwable cause) {
      super("The idempotency key is being used by another request", cause);
    }
  }

  private final JdbcClient jdbc;
  private final boolean postgres;

  OrderIdempotencyKeys(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    this.postgres = database.toLowerCase(Locale.ROOT).contains("postgres");
  }

  /** The order this caller placed with this key within the retention, as committed. */
  Optional<Used> find(String caller, String key) {
    return jdbc.sql("""
            select fingerprint, order_no from order_idempotency_key
            where caller = ? and idem_key = ? and created_at >= ? and order_no is not null""")
        .params(caller, key, LocalDateTime.now().minus(RETENTION))
        .query((rs, row) -> new Used(rs.getString("fingerprint"), rs.getString("order_no")))
        .optional();
  }

  /**
   * Takes the key for the order this transaction is about to register. The primary key makes a second request with
   * the same key wait for the first one's transaction and then fail, or fail once the wait runs out (H2's lock timeout;
   * on PostgreSQL 5 seconds, set for the claim only, instead of no limit): that is {@link Taken}, and the caller's
   * transaction rolls back without having started anything.
   */
  void claim(String caller, String key, String fingerprint) {
    try {
      if (postgres) {
        jdbc.sql("set local lock_timeout = '5s'").update();
      }
      // A key past its retention is forgotten: the same key may place a new order.
      jdbc.sql("delete from order_idempotency_key where caller = ? and idem_key = ? and created_at < ?")
          .params(caller, key, LocalDateTime.now().minus(RETENTION)).update();
      jdbc.sql("insert into order_idempotency_key (caller, idem_key, fingerprint, created_at) values (?, ?, ?, ?)")
          .params(caller, key, fingerprint, LocalDateTime.now()).update();
      if (postgres) {
        // The rest of the order's transaction waits for locks as it did before.
        jdbc.sql("set local lock_timeout to default").update();
      }
    } catch (DataAccessException failed) {
      if (heldByAnother(failed)) {
        throw new Taken(failed);
      }
      throw failed;
    }
  }

  /**
   * The claim failed because another transaction has, or had, the key: a duplicate, or a lock wait that ran out
   * (PostgreSQL's lock_not_available, 55P03, which Spring leaves uncategorized; H2's lock timeout, HYT00).
   */
  private static boolean heldByAnother(DataAccessException failed) {
    if (failed instanceof DuplicateKeyException || failed instanceof TransientDataAccessException) {
      return true;
    }
    for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** The order registered with the key, in the same transaction as the claim. */
  void attach(String caller, String key, String orderNo) {
    jdbc.sql("update order_idempotency_key set order_no = ? where caller = ? and idem_key = ?")
        .params(orderNo, caller, key).update();
  }

  /** Forgets keys past their retention, hourly, outside any order's transaction. */
  @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
  void forgetExpired() {
    int forgotten = jdbc.sql("delete from order_idempotency_key where created_at < ?")
        .params(LocalDateTime.now().minus(RETENTION)).update();
    if (forgotten > 0) {
      log.info("Forgot {} order idempotency keys older than {}", forgotten, RETENTION);
    }
  }
}
