package org.yizhan.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.platform.web.CachedBodyRequest;
import org.yizhan.platform.web.EngineStyleError;

/**
 * The first filter of every request: only canonical requests reach a servlet. Jersey routes {@code /task/},
 * {@code /task;x=1} and {@code /task} to the same resource, so a rule written for one spelling of a path would miss the
 * others; here the others are refused with 400, so that every later rule (the engine API access table among them)
 * sees each endpoint under one spelling only.
 *
 * <ul>
 *   <li>Paths: Spring Security's {@link StrictHttpFirewall} refuses {@code ;} parameters, encoded slashes, dots and
 *   percent signs, {@code ..}, {@code //}, backslashes and non-ASCII characters. On top, a trailing slash on an engine
 *   API path is refused, but for the few the webapps make themselves ({@link #TRAILING_SLASH_IN_USE}).</li>
 *   <li>Bodies of writes to {@code /engine-rest}, {@code /camunda/api} and {@code /api}: see {@link RequestBodyRules}.
 *   The body read here is handed on, so the servlet reads exactly the bytes that were checked.</li>
 * </ul>
 */
class RequestFirewallFilter extends OncePerRequestFilter {

  /**
   * Engine API calls the webapps themselves make with a trailing slash, found in the access log while Tasklist, Cockpit
   * and Admin were driven in a browser: every page asks for the list of engines as {@code /camunda/api/engine/engine/},
   * Cockpit's batch page for {@code /batch/statistics/}, and Admin's dashboard asks with OPTIONS whether users, groups
   * and tenants may be created (Camunda's SDK appends an empty id).
   */
  static final Set<String> TRAILING_SLASH_IN_USE = Set.of("GET /batch/statistics/", "OPTIONS /user/", "OPTIONS /group/",
      "OPTIONS /tenant/");
  static final String ENGINE_LIST_WITH_SLASH = "/camunda/api/engine/engine/";

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String[] APIS_WITH_BODIES = {"/engine-rest/", "/camunda/api/", "/api/"};

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StrictHttpFirewall firewall = new StrictHttpFirewall();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      // The method and path are checked here, at once. The wrapper it returns would check header and parameter values
      // only when somebody reads them, deep inside Jersey, where a refusal becomes a 500 (a form field with a line
      // break would do); so the container's own request is handed on.
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException rejected) {
      refuse(request, response, "请求路径不规范 (The request is not canonical: " + rejected.getMessage()
          + ". Send the path as the API documents it, without ';' parameters, '..', '//', backslashes or encoded "
          + "slashes, dots and percent signs)");
      return;
    }
    String path = path(request);
    Optional<String> trailingSlash = trailingSlashProblem(request.getMethod(), path);
    if (trailingSlash.isPresent()) {
      refuse(request, response, trailingSlash.get());
      return;
    }
    if (!WRITES.contains(request.getMethod()) || !hasBodyRules(path)) {
      chain.doFilter(request, response);
      return;
    }
    checkBody(request, response, chain);
  }

  static Optional<String> trailingSlashProblem(String method, String path) {
    if (!path.endsWith("/") || path.equals(ENGINE_LIST_WITH_SLASH)) {
      return Optional.empty();
    }
    Optional<EngineApiPath> api = EngineApiPath.of(path);
    if (api.isEmpty() || TRAILING_SLASH_IN_USE.contains(method + " " + api.get().relative())) {
      return Optional.empty();
    }
    String without = path.replaceAll("/+$", "");
    return Optional.of("请求路径不能以斜杠结尾 (The request path ends with a slash: call " + without + " instead of "
        + path + ")");
  }

  /**
   * 400 in the shape the caller's API answers errors in: the station's own {@code /api} with {@code {"error": …}},
   * everything else as the engine's REST API does, which Tasklist and Modeler show.
   */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, String message)
      throws IOException {
    if (!path(request).startsWith("/api/")) {
      EngineStyleError.badRequest(response, message);
      return;
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(Map.of("error", message)));
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static boolean hasBodyRules(String path) {
    for (String api : APIS_WITH_BODIES) {
      if (path.startsWith(api)) {
        return true;
      }
    }
    return false;
  }

  private void checkBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> encoding = RequestBodyRules.contentEncodingProblem(request.getHeader("Content-Encoding"));
    if (encoding.isPresent()) {
      refuse(request, response, encoding.get());
      return;
    }
    RequestBodyRules.Kind kind;
    try {
      kind = RequestBodyRules.kindOf(request.getContentType());
    } catch (RequestBodyRules.Refused refused) {
      refuse(request, response, refused.getMessage());
      return;
    }
    if (kind == RequestBodyRules.Kind.OTHER) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(kind.maxBytes + 1);
    if (body.length > kind.maxBytes) {
      refuse(request, response, RequestBodyRules.tooLarge(kind));
      return;
    }
    Optional<String> problem = kind == RequestBodyRules.Kind.JSON ? RequestBodyRules.jsonProblem(body) : Optional.empty();
    if (problem.isPresent()) {
      refuse(request, response, problem.get());
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }
}
