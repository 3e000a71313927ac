package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;
import org.yizhan.camunda.webapp.SharedSessionCsrfToken;

/**
 * The webapps' sessions are rows of the session tables (Spring Session JDBC, migration V8) on the embedded H2 as on
 * PostgreSQL: signing in writes one, every filter that reads the session finds it, signing out deletes it. The
 * two-node failover is ClusterSessionsIT.
 */
@StationTest
class SharedSessionsIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @Autowired JdbcIndexedSessionRepository sessions;

  @Test
  void sessionFilterRunsAfterTheFirewallAndBeforeEveryOtherFilterOfTheStation() {
    Map<String, AbstractFilterRegistrationBean<?>> registrations = registrations();
    // Spring Boot registers Spring Session's filter by a proxy to the bean springSessionRepositoryFilter; it is the
    // station's only proxied filter.
    assertThat(context.containsBean("springSessionRepositoryFilter")).isTrue();
    List<AbstractFilterRegistrationBean<?>> proxies = registrations.values().stream()
        .filter(registration -> registration instanceof DelegatingFilterProxyRegistrationBean).toList();
    assertThat(proxies).hasSize(1);
    int session = proxies.get(0).getOrder();

    assertThat(session).isGreaterThan(RequestFirewallConfig.FIREWALL_ORDER);
    List<String> stationFilters = registrations.entrySet().stream()
        .filter(entry -> entry.getValue() instanceof FilterRegistrationBean<?> bean
            && bean.getFilter().getClass().getName().startsWith("org.yizhan."))
        .map(Map.Entry::getKey).toList();
    assertThat(stationFilters).contains("requestFirewall", "apiAuthentication", "engineApiAccess", "loginThrottleFilter");
    for (String name : stationFilters) {
      if (!name.equals("requestFirewall")) {
        assertThat(registrations.get(name).getOrder()).as("order of %s", name).isGreaterThan(session);
      }
    }
  }

  @Test
  void signingInWritesOneSessionRowThatNamesTheUserAndCarriesCamundasSignIn() {
    TasklistSession browser = TasklistSession.login(port, "li.qiang", "demo");

    String sessionId = sessionId(browser);
    assertThat(jdbc.sql("select principal_name from spring_session where session_id = ?").param(sessionId)
        .query(String.class).single()).isEqualTo("li.qiang");
    assertThat(attributes(sessionId)).contains("authenticatedUser", "CAMUNDA_CSRF_TOKEN");
  }

  @Test
  void aSessionNobodySignedInToLivesFiveMinutesAndSigningInGivesItThirtyMinutes() {
    TasklistSession browser = TasklistSession.notSignedIn(port);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);
    String anonymous = sessionId(browser);
    assertThat(maxInactiveSeconds(anonymous)).isEqualTo(5 * 60);

    TasklistSession signedIn = TasklistSession.login(port, "li.qiang", "demo");

    assertThat(maxInactiveSeconds(sessionId(signedIn))).isEqualTo(30 * 60);
  }

  /** What a Tasklist page fetches besides the page: Camunda's files, the station's, a plugin's, a translation. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
      "/camunda/app/tasklist/scripts/config.js",
      "/camunda/app/tasklist/styles/user-styles.css",
      "/camunda/app/tasklist/locales/zh.json",
      "/camunda/app/cockpit/camunda-cockpit-bootstrap.css",
      "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js"})
  void aStaticFileFetchedWithoutACookieStartsNoSession(String file) {
    long before = System.currentTimeMillis();

    Response answer = StationHttp.anonymous(port).get(file);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().allValues("Set-Cookie")).as("cookies set with %s", file).isEmpty();
    assertThat(answer.header("X-XSRF-TOKEN")).isNull();
    assertThat(sessionsStartedSince(before)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/public/catalog", "/api/public/orders/7KQ2M9XH4P", "/order.html", "/actuator/health",
      "/actuator/health/readiness", "/camunda/api/engine/engine/default/task", "/api/orders/YZ-1",
      "/engine-rest/task", "/no/such/page"})
  void anAnonymousRequestWithoutACookieStartsNoSession(String path) {
    long before = System.currentTimeMillis();

    Response answer = StationHttp.anonymous(port).get(path);

    assertThat(answer.headers().allValues("Set-Cookie")).as("cookies set with %s (%s)", path, answer.status())
        .isEmpty();
    assertThat(sessionsStartedSince(before)).as("sessions started by %s", path).isZero();
  }

  @Test
  void staticFilesFetchedWhileSignedInLeaveTheSessionUntouchedAndItsTokenValid() {
    TasklistSession browser = TasklistSession.login(port, "li.qiang", "demo");
    String sessionId = sessionId(browser);
    String token = browser.csrfToken();
    long lastUsed = lastAccessTime(sessionId);

    for (String file : List.of("/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
        "/camunda/app/tasklist/scripts/config.js", "/camunda/app/tasklist/locales/zh.json",
        "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js")) {
      Response answer = browser.get(file);
      assertThat(answer.status()).as(file).isEqualTo(200);
      assertThat(answer.headers().allValues("Set-Cookie")).as("cookies set with %s", file).isEmpty();
    }

    assertThat(lastAccessTime(sessionId)).as("the session row was not written").isEqualTo(lastUsed);
    assertThat(browser.csrfToken()).isEqualTo(token);
    assertThat(browser.postToEngine("/task/count", "{}").status()).as("a change with the session's token")
        .isEqualTo(200);
  }

  @Test
  void pagesAndFilesOutsideTheWebappsFetchedWithASessionCookieLeaveTheSessionUntouched() {
    TasklistSession browser = TasklistSession.login(port, "li.qiang", "demo");
    String sessionId = sessionId(browser);
    long lastUsed = lastAccessTime(sessionId);

    for (String path : List.of("/order.html", "/camunda/lib/deps.js?bust=7.24.0",
        "/camunda/assets/IBMPlexSans-Regular.woff?bust=7.24.0", "/camunda/favicon.ico")) {
      assertThat(browser.get(path).status()).as(path).isEqualTo(200);
    }

    assertThat(lastAccessTime(sessionId)).as("the session row was not written").isEqualTo(lastUsed);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).as("still signed in").isEqualTo(200);
    assertThat(lastAccessTime(sessionId)).as("a webapp call uses the session").isGreaterThan(lastUsed);
  }

  @Test
  void theLoginPageStillStartsOneSessionWhoseTokenTheLoginFormSends() {
    long before = System.currentTimeMillis();

    TasklistSession browser = TasklistSession.notSignedIn(port);
    for (String file : List.of("/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
        "/camunda/app/tasklist/scripts/config.js", "/camunda/app/tasklist/locales/zh.json")) {
      assertThat(browser.get(file).status()).isEqualTo(200);
    }
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);

    assertThat(sessionsStartedSince(before)).isOne();
    assertThat(browser.csrfToken()).isEqualTo(SharedSessionCsrfToken.tokenOf(sessionId(browser)));
    assertThat(browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=li.qiang&password=demo").status()).isEqualTo(200);
  }

  /** Sessions started since then; the tests of this JVM run one after the other. */
  private int sessionsStartedSince(long epochMillis) {
    return jdbc.sql("select count(*) from spring_session where creation_time >= ?").param(epochMillis)
        .query(Integer.class).single();
  }

  private long lastAccessTime(String sessionId) {
    return jdbc.sql("select last_access_time from spring_session where session_id = ?").param(sessionId)
        .query(Long.class).single();
  }

  private int maxInactiveSeconds(String sessionId) {
    return jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(sessionId)
        .query(Integer.class).single();
  }

  @Test
  void tasklistsParallelRequestsRightAfterSigningInAllGetTheOneTokenTheSessionKeeps() throws Exception {
    for (int round = 0; round < 5; round++) {
      TasklistSession browser = TasklistSession.notSignedIn(port);
      assertThat(browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
          "username=li.qiang&password=demo").status()).isEqualTo(200);

      // Signing in starts a new session without a token; Tasklist then asks several things at once.
      java.util.concurrent.ExecutorService tabs = java.util.concurrent.Executors.newFixedThreadPool(6);
      List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add(tabs.submit(() -> browser.getFromEngine("/filter?resourceType=Task")));
      }
      java.util.Set<String> tokens = new java.util.HashSet<>();
      for (var answer : answers) {
        assertThat(answer.get().status()).isEqualTo(200);
        if (answer.get().header("X-XSRF-TOKEN") != null) {
          tokens.add(answer.get().header("X-XSRF-TOKEN"));
        }
      }
      tabs.shutdown();

      org.springframework.session.Session stored = sessions.findById(sessionId(browser));
      String kept = stored.getAttribute("CAMUNDA_CSRF_TOKEN");
      assertThat(tokens).as("tokens handed out in round " + round).containsOnly(kept);
      assertThat(browser.csrfToken()).isEqualTo(kept);
      assertThat(browser.postToEngine("/task/count", "{}").status()).as("a change with that token").isEqualTo(200);
    }
  }

  @Test
  void signingInAnswersWithOneSessionCookieOnly() {
    TasklistSession browser = TasklistSession.notSignedIn(port);

    Response login = browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=li.qiang&password=demo");

    assertThat(login.status()).isEqualTo(200);
    List<String> sessionCookies = login.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
    assertThat(sessionCookies).hasSize(1);
    assertThat(sessionCookies.get(0)).contains("HttpOnly").contains("SameSite=Lax");
  }

  @Test
  void signingOutDeletesTheSessionRowAndTheCookieNoLongerSignsAnybodyIn() {
    TasklistSession browser = TasklistSession.login(port, "li.qiang", "demo");
    String sessionId = sessionId(browser);
    assertThat(browser.get("/api/residents?q=R-0002").status()).isEqualTo(200);

    assertThat(browser.logout().status()).isEqualTo(200);

    assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(sessionId)
        .query(Integer.class).single()).isZero();
    assertThat(attributes(sessionId)).isEmpty();
    assertThat(browser.get("/api/residents?q=R-0002").status()).isEqualTo(401);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);
  }

  @Test
  void twoRequestsOfOneSessionThatAddTheSameAttributeAtOnceBothSaveAndTheLastOneWins() {
    SessionRepository<Session> repository = sessionRepository();
    Session session = repository.createSession();
    repository.save(session);
    // Two requests each read the session before either saved it: each has a copy without the attribute.
    Session first = repository.findById(session.getId());
    Session second = repository.findById(session.getId());

    first.setAttribute("CAMUNDA_CSRF_TOKEN", "first");
    second.setAttribute("CAMUNDA_CSRF_TOKEN", "second");
    repository.save(first);
    repository.save(second);

    assertThat(repository.findById(session.getId()).<String>getAttribute("CAMUNDA_CSRF_TOKEN")).isEqualTo("second");
    repository.deleteById(session.getId());
  }

  /** The repository as the session filter uses it (its own session class is not public). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private SessionRepository<Session> sessionRepository() {
    return (SessionRepository) sessions;
  }

  private List<String> attributes(String sessionId) {
    return jdbc.sql("""
        select a.attribute_name from spring_session_attributes a
        join spring_session s on s.primary_id = a.session_primary_id where s.session_id = ?""")
        .param(sessionId).query(String.class).list();
  }

  /** Spring Session's cookie carries the session id in Base64. */
  static String sessionId(TasklistSession browser) {
    return new String(Base64.getDecoder().decode(browser.cookie("JSESSIONID")), StandardCharsets.UTF_8);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Map<String, AbstractFilterRegistrationBean<?>> registrations() {
    return (Map) context.getBeansOfType(AbstractFilterRegistrationBean.class);
  }
}
