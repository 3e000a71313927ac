package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.yizhan.camunda.webapp.SharedSessionCsrfToken;

/** Which webapp requests pass Camunda's filters without the shared session: reading a file, nothing else. */
class WebappRequestsWithoutSessionTest {

  private final WebappRequestsWithoutSession filter = new WebappRequestsWithoutSession("/camunda");

  @ParameterizedTest
  @ValueSource(strings = {
      "/camunda/app/tasklist/camunda-tasklist-bootstrap.js",
      "/camunda/app/tasklist/scripts/config.js",
      "/camunda/app/tasklist/locales/zh.json",
      "/camunda/app/cockpit/styles/user-styles.css",
      "/camunda/app/admin/assets/fonts/a.woff2",
      "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js",
      "/camunda/api/cockpit/plugin/cockpit-plugins/static/app/plugin.css"})
  void aFileGetsASessionOfItsOwnThatAlreadyHoldsAToken(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);

    HttpSession session = sessionSeenByCamunda(request);

    assertThat(session).isInstanceOf(RequestOnlySession.class);
    assertThat(session.getAttribute(SharedSessionCsrfToken.SESSION_ATTRIBUTE)).isNotNull();
    assertThat(request.getSession(false)).as("the container's session").isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /camunda/app/tasklist/",
      "GET, /camunda/app/tasklist/default/",
      "POST, /camunda/app/tasklist/scripts/config.js",
      "POST, /camunda/api/admin/auth/user/default/login/tasklist",
      "POST, /camunda/api/engine/engine/default/task/1/complete"})
  void pagesAndChangesKeepTheSharedSession(String method, String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);

    HttpSession session = sessionSeenByCamunda(request);

    assertThat(session).isSameAs(request.getSession(false)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/camunda/api/admin/auth/user/default",
      "/camunda/api/engine/engine/",
      "/camunda/api/engine/engine/default/task/count",
      "/camunda/api/engine/engine/default/deployment/a.b/resources/c.bpmn",
      "/camunda/api/tasklist/plugin/tasklistPlugins/default/x.json"})
  void apiReadsOfALiveSessionKeepTheSharedSession(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setRequestedSessionId("live");
    request.setRequestedSessionIdValid(true);

    HttpSession session = sessionSeenByCamunda(request);

    assertThat(session).isSameAs(request.getSession(false)).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "/camunda/api/admin/auth/user/default, none",
      "/camunda/api/engine/engine/default/task, expired",
      "/camunda/api/engine/engine/default/task/count, none"})
  void apiReadsWithoutALiveSessionGetASessionOfTheirOwn(String path, String cookie) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setRequestedSessionId(cookie);
    request.setRequestedSessionIdValid(false);

    HttpSession session = sessionSeenByCamunda(request);

    assertThat(session).isInstanceOf(RequestOnlySession.class);
    assertThat(request.getSession(false)).as("the shared session is not started").isNull();
  }

  /** The session Camunda's filters get when they ask for one, as they do for every request. */
  private HttpSession sessionSeenByCamunda(MockHttpServletRequest request) throws Exception {
    AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passedOn.set(req));
    return ((HttpServletRequest) passedOn.get()).getSession(true);
  }
}
