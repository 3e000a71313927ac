package org.yizhan.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.camunda.webapp.WebappSignIns;
import org.yizhan.camunda.identity.EngineSignIn;

/**
 * Closes the engine's REST API by default: a signed-in caller reaches only the endpoints that a role of theirs lists
 * in {@link EngineApiAccessTable} (Tasklist's calls for task workers, Modeler's and Cockpit's for station managers,
 * everything for administrators), on {@code /engine-rest} and on the webapps' copy alike; anything else answers 403
 * in the engine's error shape. The engine's own authorizations still apply to what passes: this takes away the
 * endpoints a role's work never calls, so that a mistake in one of them cannot be reached by everybody.
 *
 * <p>Runs after the request firewall, so the path is canonical, and after {@code /engine-rest}'s authentication,
 * whose sign-in it reads; for the webapps' copy, which Camunda's webapp filters authenticate after this one, it reads
 * the webapp session as those filters do. A request nobody signed in to passes on, to be answered 401 as before.
 */
class EngineApiAccessFilter extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineApiAccessTable table;
  private final IdentityService identityService;

  EngineApiAccessFilter(EngineApiAccessTable table, IdentityService identityService) {
    this.table = table;
    this.identityService = identityService;
  }

  private record Caller(String userId, Collection<String> groupIds) {}

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return apiPath(request).map(EngineApiPath::isEngineList).orElse(true);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    EngineApiPath path = apiPath(request).orElseThrow();
    Caller caller = path.webapp() ? fromWebappSession(request.getSession(false), path.engine()) : fromEngineRest();
    if (caller == null || table.allows(caller.groupIds(), request.getMethod(), path.relative())) {
      chain.doFilter(request, response);
      return;
    }
    forbid(response, caller, request.getMethod() + " " + path.relative());
  }

  private static Optional<EngineApiPath> apiPath(HttpServletRequest request) {
    return EngineApiPath.of(request.getRequestURI().substring(request.getContextPath().length()));
  }

  /** Whom Camunda's HTTP Basic filter signed in to the engine for this request. */
  private Caller fromEngineRest() {
    return EngineSignIn.userId(identityService)
        .map(userId -> new Caller(userId, EngineSignIn.groupIds(identityService))).orElse(null);
  }

  private static Caller fromWebappSession(HttpSession session, String engine) {
    return WebappSignIns.user(session, engine).map(user -> new Caller(user.id(), user.groups())).orElse(null);
  }

  private static void forbid(HttpServletResponse response, Caller caller, String call) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", "AuthorizationException", "message",
        "用户 " + caller.userId() + " 的角色不能调用此接口 (No role of user '" + caller.userId() + "' may call " + call
            + " on the engine API; each role reaches only the calls its work needs, as listed in "
            + EngineApiAccessTable.LOCATION + ")")));
  }
}
