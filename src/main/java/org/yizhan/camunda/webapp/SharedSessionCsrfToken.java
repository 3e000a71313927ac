package org.yizhan.camunda.webapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.spring.boot.starter.property.CsrfProperties;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a webapp session its CSRF token before Camunda's {@code CsrfPreventionFilter} would, and the same token
 * whichever request or node gives it.
 *
 * <p>Camunda makes the token on the first reading request of a session that has none, locking on the session object
 * so that parallel requests make one. With shared sessions (Spring Session) every request works on its own copy of
 * the session, so after signing in (Camunda starts a new session then) Tasklist's first parallel requests each made a
 * token of their own; the browser kept one, the database another, and the next change was refused 403 "Invalid HTTP
 * Header Token" and the session ended: a volunteer signed out right after signing in.
 *
 * <p>Here the token is derived from the session's id (SHA-256, the first 16 bytes in Camunda's format: 32 hexadecimal
 * capitals), so every copy, on every node, writes the same one. It is as secret as the session id, which the browser
 * keeps in an HttpOnly cookie: whoever knows that holds the session anyway. The cookie and header are written as
 * Camunda writes them ({@code camunda.bpm.webapp.csrf.*}); Camunda's filter then finds the token and checks changes
 * against it as before.
 */
public class SharedSessionCsrfToken extends OncePerRequestFilter {

  /** Camunda's names ({@code CsrfConstants}, an implementation class of the webapps). */
  public static final String SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  private static final Pattern READING = Pattern.compile("^(GET|HEAD|OPTIONS)$");

  private final CsrfProperties csrf;
  private final String webappPath;

  public SharedSessionCsrfToken(CsrfProperties csrf, String webappPath) {
    this.csrf = csrf;
    this.webappPath = webappPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !READING.matcher(request.getMethod()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession();
    if (session.getAttribute(SESSION_ATTRIBUTE) == null) {
      String token = tokenOf(session.getId());
      session.setAttribute(SESSION_ATTRIBUTE, token);
      response.addHeader("Set-Cookie", cookie(request, token));
      response.setHeader(HEADER, token);
    }
    chain.doFilter(request, response);
  }

  public static String tokenOf(String sessionId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(("yizhan-csrf:" + sessionId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  private String cookie(HttpServletRequest request, String token) {
    StringBuilder cookie = new StringBuilder(csrf.getCookieName() == null ? "XSRF-TOKEN" : csrf.getCookieName())
        .append('=').append(token).append(";Path=").append(request.getContextPath()).append(webappPath);
    if (csrf.isEnableSameSiteCookie()) {
      cookie.append(";SameSite=").append(sameSite());
    }
    if (csrf.isEnableSecureCookie()) {
      cookie.append(";Secure");
    }
    return cookie.toString();
  }

  private String sameSite() {
    if (csrf.getSameSiteCookieValue() != null) {
      return csrf.getSameSiteCookieValue();
    }
    String option = csrf.getSameSiteCookieOption() == null ? "LAX" : csrf.getSameSiteCookieOption();
    return option.substring(0, 1).toUpperCase(Locale.ROOT) + option.substring(1).toLowerCase(Locale.ROOT);
  }
}
