package org.yizhan.platform.security;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.camunda.webapp.SharedSessionCsrfToken;

/**
 * Answers the webapps' static files (scripts, styles, translations, fonts, plugin files) without touching the shared
 * session.
 *
 * <p>Camunda's webapp filters (authentication, CSRF, session cookie) start a session for every request under
 * {@code /camunda/app} and {@code /camunda/api}, files included: each file fetched without a cookie wrote a session
 * row, and each file fetched with one rewrote the session (about twenty writes for one Tasklist page). A file is the
 * same for everybody, so here Camunda's filters get a session that lives only for the request
 * ({@link RequestOnlySession}); the shared session is neither read nor written.
 *
 * <p>That session already holds a CSRF token, so that neither Camunda's filter nor {@link SharedSessionCsrfToken}
 * hands one out with the file: the browser would keep it and send it with its next change, which the real session
 * would refuse. The pages (paths ending in {@code /}) keep the session as before: the login form needs its token from
 * the page.
 *
 * <p>A read of the webapps' API ({@code GET /camunda/api/…}) that arrives without a live session is treated the same
 * way: nobody is signed in to it, so Camunda answers 401 (or a public value), and a session started for it would be a
 * row for nobody. With a live session (Tasklist after its page loaded) the API keeps it as before.
 */
class WebappRequestsWithoutSession extends OncePerRequestFilter {

  /** A file name (with an extension) under an app, or a file of a plugin's static folder. */
  private static final Pattern STATIC_FILE =
      Pattern.compile("/(app/[^/]+|api/[^/]+/plugin/[^/]+/static)(/[^/]+)*/[^/]+\\.[A-Za-z0-9]+");

  private final String webappPath;

  WebappRequestsWithoutSession(String webappPath) {
    this.webappPath = webappPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(webappPath + "/")) {
      return true;
    }
    String inWebapps = path.substring(webappPath.length());
    return !STATIC_FILE.matcher(inWebapps).matches() && !(inWebapps.startsWith("/api/") && withoutLiveSession(request));
  }

  private static boolean withoutLiveSession(HttpServletRequest request) {
    return request.getRequestedSessionId() == null || !request.isRequestedSessionIdValid();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new WithoutSharedSession(request), response);
  }

  /** The request as Camunda's filters see it for a file: a session of its own, made when first asked for. */
  private static final class WithoutSharedSession extends HttpServletRequestWrapper {

    private HttpSession session;

    WithoutSharedSession(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpSession getSession(boolean create) {
      if (session == null && create) {
        session = new RequestOnlySession(getServletContext());
        session.setAttribute(SharedSessionCsrfToken.SESSION_ATTRIBUTE, "not handed out with static files");
      }
      return session;
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }
  }
}
