package org.yizhan.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.platform.web.CachedBodyRequest;
import org.yizhan.platform.web.EngineStyleError;

/**
 * Mitigation for CVE-2026-109432 (code execution through expressions in task queries, {@code orQueries} included),
 * which has no community fix for Camunda 7.24.0.
 *
 * <p>On the task query and filter endpoints of {@code /engine-rest} and of the webapps' engine API, every
 * {@code ${…}} or {@code #{…}} in the query string or the JSON body (after JSON unescaping, so {@code \u0024{} does
 * not slip through) must be one of the functions Tasklist's filters use: {@code currentUser()},
 * {@code currentUserGroups()}, {@code now()}, or {@code dateTime()} with plus/minus arithmetic. Anything else is
 * refused with 400 before the engine sees it. Ad-hoc queries evaluate no expressions at all (engine setting).
 */
class ExpressionGuardFilter extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Paths, relative to the API root, whose parameters or bodies hold task queries. */
  private static final Pattern GUARDED_PATH = Pattern.compile(".*/(task|task/count|filter|filter/.*)");

  private static final Pattern ALLOWED_EXPRESSION = Pattern.compile("\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
      + "|dateTime\\(\\)(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds|Millis)\\(\\s*\\d{1,9}\\s*\\))*"
      + "(\\.toDate\\(\\))?)\\s*");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !GUARDED_PATH.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      Optional<String> refused = firstForbidden(parameter.getKey());
      for (String value : parameter.getValue()) {
        refused = refused.or(() -> firstForbidden(value));
      }
      if (refused.isPresent()) {
        refuse(response, "Query parameter '" + parameter.getKey() + "' holds the expression " + refused.get()
            + ", which is not allowed");
        return;
      }
    }

    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(response, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    if (body.length > 0) {
      String encoding = request.getHeader("Content-Encoding");
      if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
        refuse(response, "Task and filter queries must be sent without content encoding");
        return;
      }
      Optional<String> refused = forbiddenInBody(new String(body, StandardCharsets.UTF_8));
      if (refused.isPresent()) {
        refuse(response, "The query holds the expression " + refused.get() + ", which is not allowed. Only "
            + "currentUser(), currentUserGroups(), now() and dateTime() arithmetic may be used in task queries");
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private Optional<String> forbiddenInBody(String body) {
    Optional<String> refused = firstForbidden(body);
    if (refused.isPresent()) {
      return refused;
    }
    try {
      return firstForbiddenInJson(json.readTree(body));
    } catch (JsonProcessingException notJson) {
      // Not JSON: the engine will refuse it; the raw text has been checked already.
      return Optional.empty();
    }
  }

  private Optional<String> firstForbiddenInJson(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return firstForbidden(node.textValue());
    }
    var fields = node.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      Optional<String> refused = firstForbidden(field.getKey()).or(() -> firstForbiddenInJson(field.getValue()));
      if (refused.isPresent()) {
        return refused;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> refused = firstForbiddenInJson(element);
        if (refused.isPresent()) {
          return refused;
        }
      }
    }
    return Optional.empty();
  }

  /** The first expression in the text that is not on the allow-list, if any. */
  static Optional<String> firstForbidden(String text) {
    int from = 0;
    while (true) {
      int dollar = text.indexOf("${", from);
      int hash = text.indexOf("#{", from);
      int start = dollar < 0 ? hash : hash < 0 ? dollar : Math.min(dollar, hash);
      if (start < 0) {
        return Optional.empty();
      }
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        return Optional.of(abbreviate(text.substring(start)));
      }
      String expression = text.substring(start + 2, end);
      if (!ALLOWED_EXPRESSION.matcher(expression).matches()) {
        return Optional.of(abbreviate(text.substring(start, end + 1)));
      }
      from = end + 1;
    }
  }

  private static String abbreviate(String expression) {
    return expression.length() <= 60 ? expression : expression.substring(0, 57) + "...";
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    EngineStyleError.badRequest(response, message);
  }
}
