package org.yizhan.platform.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A PostgreSQL advisory lock of the session ({@code pg_try_advisory_lock}) on a connection of its own, held until
 * {@link #release()}: for work that spans many transactions (a node's whole start), unlike
 * {@link ClusterLock#inTransaction}, whose lock ends with one transaction. If the node dies, its connection ends and
 * PostgreSQL lets the lock go; nothing is left to clean up.
 *
 * <p>The session is named ({@code application_name}) after the node while it holds the lock, so a node that waits
 * can say who it waits for ({@link #holder}).
 */
final class SessionLock {

  private final Connection connection;
  private final ClusterLock.Key key;
  private final Consumer<Connection> discard;
  private boolean held = true;

  private SessionLock(Connection connection, ClusterLock.Key key, Consumer<Connection> discard) {
    this.connection = connection;
    this.key = key;
    this.discard = discard;
  }

  /**
   * Takes the lock on this connection if nobody holds it; the connection is then the lock's until released.
   *
   * @param discard what to do with the connection if it cannot be unlocked (a pool's eviction): such a connection must
   *                not serve anybody again, or its session would keep the lock
   */
  static Optional<SessionLock> tryTake(Connection connection, ClusterLock.Key key, String holderName,
      Consumer<Connection> discard) throws SQLException {
    try (PreparedStatement take = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      take.setLong(1, key.advisoryKey());
      try (ResultSet result = take.executeQuery()) {
        result.next();
        if (!result.getBoolean(1)) {
          return Optional.empty();
        }
      }
    }
    try (PreparedStatement name = connection.prepareStatement("select set_config('application_name', ?, false)")) {
      name.setString(1, holderName);
      name.execute();
    }
    return Optional.of(new SessionLock(connection, key, discard));
  }

  /**
   * Who holds the lock now, as PostgreSQL knows the session: its name, client address, process id and since when it
   * is connected; "nobody" when it is free.
   */
  static String holder(Connection connection, ClusterLock.Key key) throws SQLException {
    // A bigint advisory key appears in pg_locks split in two: classid the high 32 bits, objid the low, objsubid 1.
    try (PreparedStatement query = connection.prepareStatement("""
        select a.application_name, a.client_addr, a.pid, a.backend_start
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
          and l.classid = ? and l.objid = ? and l.database = (select oid from pg_database where datname = current_database())""")) {
      query.setLong(1, key.advisoryKey() >>> 32);
      query.setLong(2, key.advisoryKey() & 0xFFFF_FFFFL);
      try (ResultSet result = query.executeQuery()) {
        if (!result.next()) {
          return "nobody";
        }
        return "'" + result.getString(1) + "' (client " + result.getString(2) + ", database pid " + result.getInt(3)
            + ", connected since " + result.getTimestamp(4).toInstant() + ")";
      }
    }
  }

  /**
   * Lets the lock go and gives the connection back (to its pool, where it came from one). Safe to call twice. A
   * connection that cannot be unlocked is discarded instead: its session then ends, and the lock with it.
   */
  synchronized void release() throws SQLException {
    if (!held) {
      return;
    }
    held = false;
    try (Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + key.advisoryKey() + ")");
      statement.execute("reset application_name");
    } catch (SQLException | RuntimeException e) {
      discard.accept(connection);
      throw e;
    }
    connection.close();
  }

  synchronized boolean held() {
    return held;
  }
}
