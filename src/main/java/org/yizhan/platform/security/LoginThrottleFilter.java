package org.yizhan.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link LoginThrottle} to every way of signing in: the webapps' login form and HTTP Basic on any API. A
 * client that must wait gets 429 with {@code Retry-After} before its password is even looked at (so waiting is not
 * another failure), and a 401 answer to a sign-in counts as a failure.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return userTried(request).isEmpty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String client = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(client);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(seconds));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"type\": \"TooManyRequests\", \"message\": \"登录失败次数过多，请 " + seconds
          + " 秒后再试 (Too many failed sign-ins from this address; try again in " + seconds + " s)\"}");
      return;
    }
    chain.doFilter(request, response);
    String user = userTried(request).orElse("");
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(client, user);
    } else if (response.getStatus() < 400 && checksCredentials(request)) {
      // Only where the credentials were really checked: a page that ignores them proves nothing.
      throttle.succeeded(client);
    }
  }

  /** Where the station checks the credentials a request carries, and answers 401 when they are wrong. */
  private static boolean checksCredentials(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/engine-rest/") || path.startsWith("/api/") && !path.startsWith("/api/public/")
        || path.startsWith("/actuator/") || WEBAPP_LOGIN.matcher(path).matches();
  }

  /** The user name a request signs in with, if it signs in at all. */
  private static Optional<String> userTried(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (BasicCredentials.isBasic(header)) {
      return Optional.of(BasicCredentials.of(header).map(BasicCredentials::user).orElse("(unreadable credentials)"));
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
      return Optional.of(String.valueOf(request.getParameter("username")));
    }
    return Optional.empty();
  }
}
