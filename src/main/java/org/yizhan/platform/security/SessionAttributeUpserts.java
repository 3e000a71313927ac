package org.yizhan.platform.security;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets two requests of one session add the same session attribute at once. Every request works on its own copy of the
 * shared session, read from the database; Spring Session inserts an attribute its copy did not have. Two requests that
 * both read the session before either saved it (Tasklist sends several at once, e.g. the first ones after signing in,
 * when Camunda hands out the session's CSRF token) would both insert, and the second would fail on the primary key
 * with a 500. Here the insert becomes an upsert, the last save winning, as with an in-memory session: Spring Session's
 * own on PostgreSQL ({@code ON CONFLICT ... DO UPDATE}), H2's {@code MERGE ... KEY} on the embedded database.
 */
@Component
class SessionAttributeUpserts implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

  private static final String H2_MERGE = """
      MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
      VALUES (?, ?, ?)
      """;

  private final DataSource dataSource;

  SessionAttributeUpserts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void customize(JdbcIndexedSessionRepository repository) {
    switch (databaseProduct()) {
      case "PostgreSQL" -> new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
      case "H2" -> repository.setCreateSessionAttributeQuery(H2_MERGE);
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
