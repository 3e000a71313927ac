package org.yizhan.support.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the PostgreSQL server every machine runs at 127.0.0.1:5432 (trust authentication; CI's
 * machine has it too), created empty and dropped afterwards. {@code -Dyizhan.postgresUrl} points elsewhere.
 */
public final class FreshPostgres implements AutoCloseable {

  private static final String SERVER = System.getProperty("yizhan.postgresUrl", "jdbc:postgresql://127.0.0.1:5432/");

  private final String database;

  private FreshPostgres(String database) {
    this.database = database;
  }

  /** Drops a database of this name a failed run may have left, and creates it empty. */
  public static FreshPostgres create(String database) throws SQLException {
    try (Connection connection = admin(); Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
      statement.execute("create database " + database);
    }
    return new FreshPostgres(database);
  }

  /** Whether the server answers; tests that need it say so and are skipped on a machine without it. */
  public static boolean available() {
    try (Connection connection = admin()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public String jdbcUrl() {
    return SERVER + database;
  }

  /** A connection to this database, for the test's own checks. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  @Override
  public void close() throws SQLException {
    try (Connection connection = admin(); Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
  }
}
