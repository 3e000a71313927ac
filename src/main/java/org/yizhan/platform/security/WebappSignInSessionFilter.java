package org.yizhan.platform.security;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.camunda.webapp.WebappSignIns;

/**
 * Ties the shared session (Spring Session, a database row) to the webapps' sign-in and sign-out.
 *
 * <p>Signing out: Camunda's logout only removes the engine's sign-in from the session's sign-ins and
 * keeps the session, which with shared sessions would stay a row in the database until it expires. Once no engine's
 * sign-in is left, this ends the session, which deletes its row at once: a cookie copied before the sign-out then
 * works on no node.
 *
 * <p>Signing in: the session gets the user's id as its principal name (Spring Session's index, column
 * {@code principal_name}), so that an operator can find, and end, one volunteer's sessions (a lost phone), and the
 * lifetime of a signed-in session ({@code yizhan.session.signed-in-timeout}, 30 minutes without a request). Camunda
 * starts a session for every page and API call of the webapps, signed in or not (the login form needs its CSRF token;
 * static files get none, {@link WebappRequestsWithoutSession}); those live only {@code spring.session.timeout}
 * (5 minutes), so that requests nobody signs in with cannot fill the session table for long.
 *
 * <p>Registered before Camunda's webapp filters (Spring Boot's registrations come first), so it sees the request
 * after Camunda's authentication filter has written the changed sign-ins back to the session.
 */
class WebappSignInSessionFilter extends OncePerRequestFilter {

  private final Duration signedInTimeout;

  WebappSignInSessionFilter(Duration signedInTimeout) {
    this.signedInTimeout = signedInTimeout;
  }

  private static final Pattern SIGN_IN_OR_OUT =
      Pattern.compile("/camunda/api/admin/auth/user/([^/]+)/(login/[^/]+|logout)");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !SIGN_IN_OR_OUT.matcher(path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    HttpSession session = request.getSession(false);
    if (session == null || response.getStatus() != HttpServletResponse.SC_OK) {
      return;
    }
    Matcher call = SIGN_IN_OR_OUT.matcher(path(request));
    if (!call.matches()) {
      return;
    }
    String engine = call.group(1);
    if ("logout".equals(call.group(2))) {
      if (WebappSignIns.noneLeft(session)) {
        session.invalidate();
      }
    } else {
      WebappSignIns.user(session, engine).ifPresent(user -> {
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user.id());
        session.setMaxInactiveInterval((int) signedInTimeout.toSeconds());
      });
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
