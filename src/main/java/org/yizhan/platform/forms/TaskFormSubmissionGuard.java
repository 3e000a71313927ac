package org.yizhan.platform.forms;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.platform.web.CachedBodyRequest;
import org.yizhan.platform.web.EngineStyleError;

/**
 * Checks a task's completion ({@code …/task/{id}/complete} or {@code …/submit-form}, from Tasklist or any REST client)
 * against the task's Camunda Form before the engine sees it, and refuses a broken one with 400 and the field's label.
 * Tasks without a Camunda Form, and tasks the caller cannot see, pass on unchanged for the engine to answer.
 */
public class TaskFormSubmissionGuard extends OncePerRequestFilter {

  private static final Pattern COMPLETION =
      Pattern.compile("(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(?:complete|submit-form)");
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final FormService forms;
  private final TaskService tasks;
  private final ObjectMapper json = new ObjectMapper();

  public TaskFormSubmissionGuard(FormService forms, TaskService tasks) {
    this.forms = forms;
    this.tasks = tasks;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = COMPLETION.matcher(path(request));
    if (!matcher.matches()) {
      chain.doFilter(request, response);
      return;
    }
    String taskId = matcher.group(1);
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      EngineStyleError.badRequest(response, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    Optional<TaskFormRules> rules = rulesOf(taskId);
    if (rules.isPresent()) {
      Map<String, Object> submitted;
      try {
        submitted = submittedValues(body);
      } catch (IOException | IllegalArgumentException malformed) {
        EngineStyleError.badRequest(response, "Send the task's variables as JSON: {\"variables\": {\"name\": {\"value\": …}}}");
        return;
      }
      Optional<String> problem = rules.get().firstProblem(submitted, key -> existingValue(taskId, key));
      if (problem.isPresent()) {
        EngineStyleError.badRequest(response, problem.get());
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private Optional<TaskFormRules> rulesOf(String taskId) {
    try (InputStream form = forms.getDeployedTaskForm(taskId)) {
      return Optional.of(new TaskFormRules(json.readTree(form)));
    } catch (ProcessEngineException | IOException noCamundaFormOrNotVisible) {
      return Optional.empty();
    }
  }

  private Map<String, Object> submittedValues(byte[] body) throws IOException {
    Map<String, Object> values = new HashMap<>();
    if (body.length == 0) {
      return values;
    }
    JsonNode variables = json.readTree(body).path("variables");
    variables.fields().forEachRemaining(variable ->
        values.put(variable.getKey(), json.convertValue(variable.getValue().get("value"), Object.class)));
    return values;
  }

  private Object existingValue(String taskId, String key) {
    try {
      return tasks.getVariable(taskId, key);
    } catch (ProcessEngineException notReadable) {
      return null;
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
