package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * A request whose session row is deleted while it runs (signed out on another node, removed by the expiry cleanup,
 * ended by another request of the same session) saves its copy of the session at the end. Whatever that copy changed,
 * the save must neither fail (it would turn the request's answer into a 500) nor bring the session back in part:
 * Spring Session's repository with the station's queries, on the session tables of migration V8, on H2 and on
 * PostgreSQL (skipped without the server at 127.0.0.1:5432).
 */
class VanishedSessionSaveTest {

  enum Database { H2, POSTGRESQL }

  /** What a request may have done to its copy of the session before the save at its end. */
  enum Change {
    ONE_ATTRIBUTE_ADDED(session -> session.setAttribute("CAMUNDA_CSRF_TOKEN", "0123456789ABCDEF0123456789ABCDEF")),
    SEVERAL_ATTRIBUTES_ADDED(session -> {
      session.setAttribute("CAMUNDA_CSRF_TOKEN", "0123456789ABCDEF0123456789ABCDEF");
      session.setAttribute("yizhan.test.other", "value");
    }),
    ADDED_UPDATED_AND_REMOVED(session -> {
      session.setAttribute("CAMUNDA_CSRF_TOKEN", "0123456789ABCDEF0123456789ABCDEF");
      session.setAttribute("authenticatedUser", "signed in again");
      session.removeAttribute("yizhan.test.stale");
    }),
    SIGNED_IN_USER_NAMED(session -> {
      session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "wang.fang");
      session.setAttribute("authenticatedUser", "signed in again");
    }),
    ONLY_UPDATED(session -> session.setAttribute("authenticatedUser", "signed in again"));

    final Consumer<Session> apply;

    Change(Consumer<Session> apply) {
      this.apply = apply;
    }
  }

  private static DataSource h2;
  private static FreshPostgres postgres;
  private static DataSource postgresDataSource;

  @BeforeAll
  static void createSessionTables() throws Exception {
    h2 = new DriverManagerDataSource("jdbc:h2:mem:vanished-sessions;DB_CLOSE_DELAY=-1", "sa", "");
    migrate(h2);
    if (FreshPostgres.available()) {
      postgres = FreshPostgres.create("yizhan_test_vanished_sessions");
      postgresDataSource = new DriverManagerDataSource(postgres.jdbcUrl(), "postgres", "");
      migrate(postgresDataSource);
    }
  }

  @AfterAll
  static void dropPostgresDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void noSessions() {
    new JdbcTemplate(h2).update("delete from spring_session");
    if (postgresDataSource != null) {
      new JdbcTemplate(postgresDataSource).update("delete from spring_session");
    }
  }

  static Stream<Arguments> everyChangeOnEveryDatabase() {
    return Stream.of(Database.values())
        .flatMap(database -> Stream.of(Change.values()).map(change -> Arguments.of(database, change)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyChangeOnEveryDatabase")
  void savingASessionDeletedMeanwhileFailsNotAndLeavesNoRowBehind(Database database, Change change) {
    DataSource dataSource = dataSource(database);
    SessionRepository<Session> repository = repository(dataSource);
    String id = storedSession(repository);
    Session copy = repository.findById(id);

    repository.deleteById(id);
    copy.setLastAccessedTime(Instant.now()); // as Spring Session's filter does on each request
    change.apply.accept(copy);

    assertThatCode(() -> repository.save(copy)).doesNotThrowAnyException();
    assertThat(repository.findById(id)).isNull();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from spring_session_attributes", Integer.class)).isZero();
  }

  /**
   * The same through Spring Session's filter, as a request of Tasklist's goes: the request reads its session, the
   * session is signed out elsewhere, the request adds the CSRF token and sets Camunda's sign-in again, and answers.
   */
  @ParameterizedTest
  @EnumSource(Database.class)
  void aRequestWhoseSessionIsDeletedWhileItRunsKeepsItsAnswerAndTheNextRequestHasNoSession(Database database)
      throws Exception {
    DataSource dataSource = dataSource(database);
    SessionRepository<Session> repository = repository(dataSource);
    String id = storedSession(repository);
    var sessionFilter = new SessionRepositoryFilter<>(repository);
    MockHttpServletResponse answer = new MockHttpServletResponse();

    sessionFilter.doFilter(requestWithCookieOf(id), answer, (request, response) -> {
      HttpSession session = ((HttpServletRequest) request).getSession(false);
      repository.deleteById(id);
      session.setAttribute("CAMUNDA_CSRF_TOKEN", "0123456789ABCDEF0123456789ABCDEF");
      session.setAttribute("authenticatedUser", "signed in again");
      response.getWriter().write("[]");
    });

    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getContentAsString()).isEqualTo("[]");
    AtomicReference<HttpSession> nextSession = new AtomicReference<>();
    sessionFilter.doFilter(requestWithCookieOf(id), new MockHttpServletResponse(),
        (request, response) -> nextSession.set(((HttpServletRequest) request).getSession(false)));
    assertThat(nextSession.get()).isNull();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from spring_session_attributes", Integer.class)).isZero();
  }

  /** Spring Session's default cookie (SESSION, the id in Base64). */
  private static MockHttpServletRequest requestWithCookieOf(String sessionId) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/filter");
    request.setCookies(new Cookie("SESSION",
        Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8))));
    return request;
  }

  /**
   * The delete and the save at the same moment on PostgreSQL: the delete has not committed yet when the save's insert
   * looks for the session row. The insert waits for it and then inserts nothing; the save's further statements run.
   */
  @Test
  void aSaveThatMeetsADeleteOfItsSessionStillRunningWaitsForItAndWritesNothing() throws Exception {
    DataSource dataSource = dataSource(Database.POSTGRESQL);
    SessionRepository<Session> repository = repository(dataSource);
    String id = storedSession(repository);
    Session copy = repository.findById(id);
    // An added attribute, then an updated one: the insert comes first in the save, the update after it.
    copy.setAttribute("CAMUNDA_CSRF_TOKEN", "0123456789ABCDEF0123456789ABCDEF");
    copy.setAttribute("authenticatedUser", "signed in again");
    ExecutorService request = Executors.newSingleThreadExecutor();
    try (Connection otherNode = postgres.connect()) {
      otherNode.setAutoCommit(false);
      try (PreparedStatement signOut = otherNode.prepareStatement("delete from spring_session where session_id = ?")) {
        signOut.setString(1, id);
        assertThat(signOut.executeUpdate()).isOne();
      }

      Future<?> save = request.submit(() -> repository.save(copy));
      awaitABackendWaitingForALock(dataSource, save);
      otherNode.commit();

      assertThatCode(save::get).doesNotThrowAnyException();
    } finally {
      request.shutdownNow();
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from spring_session_attributes", Integer.class)).isZero();
  }

  /** Until PostgreSQL shows the save waiting for the delete's row lock (or the save ended without waiting). */
  private static void awaitABackendWaitingForALock(DataSource dataSource, Future<?> save) throws InterruptedException {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    while (!save.isDone() && jdbc.queryForObject("""
        select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""",
        Integer.class) == 0) {
      Thread.sleep(10);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void attributesAddedToALiveSessionAreStored(Database database) {
    SessionRepository<Session> repository = repository(dataSource(database));
    String id = storedSession(repository);
    Session copy = repository.findById(id);

    copy.setLastAccessedTime(Instant.now());
    copy.setAttribute("CAMUNDA_CSRF_TOKEN", "token");
    copy.setAttribute("yizhan.test.other", "value");
    repository.save(copy);

    Session stored = repository.findById(id);
    assertThat(stored.<String>getAttribute("CAMUNDA_CSRF_TOKEN")).isEqualTo("token");
    assertThat(stored.<String>getAttribute("yizhan.test.other")).isEqualTo("value");
    assertThat(stored.<String>getAttribute("authenticatedUser")).isEqualTo("signed in");
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void twoCopiesAddingTheSameAttributeBothSaveAndTheLastOneWins(Database database) {
    SessionRepository<Session> repository = repository(dataSource(database));
    String id = storedSession(repository);
    // Two requests each read the session before either saved it: each has a copy without the attribute.
    Session first = repository.findById(id);
    Session second = repository.findById(id);

    first.setAttribute("CAMUNDA_CSRF_TOKEN", "first");
    second.setAttribute("CAMUNDA_CSRF_TOKEN", "second");
    repository.save(first);
    repository.save(second);

    assertThat(repository.findById(id).<String>getAttribute("CAMUNDA_CSRF_TOKEN")).isEqualTo("second");
  }

  /** A session as a signed-in request leaves it: Camunda's sign-in and an attribute a later request removes. */
  private static String storedSession(SessionRepository<Session> repository) {
    Session session = repository.createSession();
    session.setAttribute("authenticatedUser", "signed in");
    session.setAttribute("yizhan.test.stale", "stale");
    repository.save(session);
    return session.getId();
  }

  /** Spring Session's repository as the station configures it, on the given database. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SessionRepository<Session> repository(DataSource dataSource) {
    var repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    new SessionAttributeUpserts(dataSource).customize(repository);
    return (SessionRepository) repository;
  }

  private static DataSource dataSource(Database database) {
    if (database == Database.POSTGRESQL) {
      assumeTrue(postgresDataSource != null, "Needs the PostgreSQL server at 127.0.0.1:5432");
      return postgresDataSource;
    }
    return h2;
  }

  private static void migrate(DataSource dataSource) {
    new ResourceDatabasePopulator(new ClassPathResource("db/migration/V8__shared_sessions.sql")).execute(dataSource);
  }
}
