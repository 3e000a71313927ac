package org.yizhan.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.yizhan.platform.security.LoginThrottle;
import org.yizhan.platform.security.PublicRateLimit;

/**
 * Gives every test class of the shared Spring test configuration the station as it was when the app had started: the
 * context (and its in-memory H2 database) is built once for the whole run, so without this one class's orders, tasks,
 * sessions, wrong passwords and moved clocks would be the next class's starting point, and a class could pass or fail
 * depending on which ran before it.
 *
 * <p>Before the first class runs, every table of the database is copied into a schema of its own; after each class,
 * every table is emptied and filled again from its copy, in one transaction, with the foreign keys checked again
 * afterwards. What lives outside the tables is reset too: the sign-in throttle, the public pages' rate limit and the
 * engine's clock. Sequences and identity columns go on counting (an order number is never handed out twice in a run).
 * Caches keep what the engine deployed during the class; nothing finds those definitions any more, as the engine
 * looks up the latest version of a key in the database.
 */
public final class StationStateReset implements BeforeAllCallback, AfterAllCallback {

  private static final String COPIES = "YZ_TEST_STATE_AT_START";

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    DataSource dataSource = app(context).getBean(DataSource.class);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if (copiesExist(connection)) {
        return;
      }
      List<String> tables = tables(connection, "PUBLIC");
      statement.execute("CREATE SCHEMA " + COPIES);
      for (String table : tables) {
        statement.execute("CREATE TABLE " + COPIES + ".\"" + table + "\" AS SELECT * FROM PUBLIC.\"" + table + "\"");
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    restore(app(context));
  }

  /** Puts the station back as it was when the app had started (after each class; a test may call it to prove it). */
  public static void restore(ApplicationContext app) throws SQLException {
    DataSource dataSource = app.getBean(DataSource.class);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
        for (String table : tables(connection, COPIES)) {
          statement.execute("DELETE FROM PUBLIC.\"" + table + "\"");
          statement.execute("INSERT INTO PUBLIC.\"" + table + "\" SELECT * FROM " + COPIES + ".\"" + table + "\"");
        }
        connection.commit();
      } catch (SQLException failure) {
        connection.rollback();
        throw failure;
      } finally {
        statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
        connection.setAutoCommit(autoCommit);
      }
    }
    app.getBean(LoginThrottle.class).forgetEveryone();
    app.getBean(PublicRateLimit.class).forgetEveryone();
    ClockUtil.reset();
  }

  private static ApplicationContext app(ExtensionContext context) {
    return SpringExtension.getApplicationContext(context);
  }

  private static boolean copiesExist(Connection connection) throws SQLException {
    try (ResultSet schemas = connection.getMetaData().getSchemas(null, COPIES)) {
      return schemas.next();
    }
  }

  /** The tables of a schema; those of the copies are the tables the app had when it had started. */
  private static List<String> tables(Connection connection, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"BASE TABLE", "TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    return tables;
  }
}
