package org.yizhan.platform.security;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * How Spring Session writes an attribute the request's copy of the session did not have: an upsert, and only into a
 * session whose row still exists.
 *
 * <p>Upsert: every request works on its own copy of the shared session, read from the database. Two requests that
 * both read the session before either saved it (Tasklist sends several at once, e.g. the first ones after signing in,
 * when Camunda hands out the session's CSRF token) would both insert the attribute, and the second would fail on the
 * primary key with a 500. With an upsert the last save wins, as with an in-memory session.
 *
 * <p>Only into a live session: a request whose session row was deleted while it ran (signed out on another node,
 * removed by the expiry cleanup, ended by another request of the same session) still saves its copy at the end. A
 * plain insert then breaks the foreign key; Spring Session ignores that error, but on PostgreSQL it has aborted the
 * save's transaction, the next statement of the save (the update of Camunda's sign-in, which every request makes)
 * fails, and the request answers 500. The insert therefore takes the session's id from the session table, so that it
 * inserts nothing when the row is gone; the save of a vanished session writes nothing, and the next request with its
 * cookie is not signed in. On PostgreSQL the session row is also locked ({@code FOR KEY SHARE}, what the foreign key
 * check itself takes): a delete still running makes the insert wait and then insert nothing, where the check alone
 * would fail after the wait.
 *
 * <p>The parameters stay Spring Session's (session primary id, attribute name, bytes), hence the one-row
 * {@code VALUES} joined to the session table.
 */
@Component
class SessionAttributeUpserts implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

  private static final String POSTGRESQL = """
      INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      SELECT S.PRIMARY_ID, A.ATTRIBUTE_NAME, A.ATTRIBUTE_BYTES
      FROM (VALUES (?, ?, ?)) A (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      JOIN %TABLE_NAME% S ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID
      FOR KEY SHARE OF S
      ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
      """;

  private static final String H2 = """
      MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
      SELECT S.PRIMARY_ID, A.ATTRIBUTE_NAME, A.ATTRIBUTE_BYTES
      FROM (VALUES (CAST(? AS CHAR(36)), CAST(? AS VARCHAR(200)), CAST(? AS VARBINARY)))
        A (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      JOIN %TABLE_NAME% S ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID
      """;

  private final DataSource dataSource;

  SessionAttributeUpserts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void customize(JdbcIndexedSessionRepository repository) {
    switch (databaseProduct()) {
      case "PostgreSQL" -> repository.setCreateSessionAttributeQuery(POSTGRESQL);
      case "H2" -> repository.setCreateSessionAttributeQuery(H2);
      default -> { } // Another database keeps Spring Session's plain insert.
    }
  }

  private String databaseProduct() {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database holds the sessions", e);
    }
  }
}
