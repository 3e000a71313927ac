package org.yizhan.platform.forms;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.platform.web.CachedBodyRequest;
import org.yizhan.platform.web.EngineStyleError;

/**
 * Checks a task's completion ({@code …/task/{id}/complete} or {@code …/submit-form}, from Tasklist or any REST client)
 * against the task's Camunda Form before the engine sees it, and refuses a broken one with 400 and the field's label.
 * Tasks without a Camunda Form, and tasks the caller cannot see, pass on unchanged for the engine to answer.
 *
 * <p>A form bound to its deployment or to a fixed version never changes for a given process version and task, so its
 * rules are read and parsed once per process version and task rather than on every completion (the benchmark's
 * profile had this guard at a sixth of the order flow's CPU time while it fetched and parsed the form each time).
 */
public class TaskFormSubmissionGuard extends OncePerRequestFilter {

  private static final Pattern COMPLETION =
      Pattern.compile("(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(?:complete|submit-form)");
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final FormService forms;
  private final TaskService tasks;
  private final ObjectMapper json = new ObjectMapper();
  /** Rules by process definition id and task definition key, for forms that cannot change under them. */
  private final Map<String, TaskFormRules> rulesByTask = new ConcurrentHashMap<>();

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
      Optional<String> problem = rules.get().firstProblem(submitted, keys -> existingValues(taskId, keys));
      if (problem.isPresent()) {
        EngineStyleError.badRequest(response, problem.get());
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The task's form rules; none for a task without a Camunda Form, or one the caller cannot see. */
  private Optional<TaskFormRules> rulesOf(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    if (task == null) {
      return Optional.empty();
    }
    CamundaFormRef form = task.getCamundaFormRef();
    if (form == null) {
      return Optional.empty();
    }
    if ("latest".equals(form.getBinding()) || task.getProcessDefinitionId() == null) {
      return readRules(taskId);
    }
    String versionAndTask = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    TaskFormRules known = rulesByTask.get(versionAndTask);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<TaskFormRules> read = readRules(taskId);
    read.ifPresent(rules -> rulesByTask.put(versionAndTask, rules));
    return read;
  }

  private Optional<TaskFormRules> readRules(String taskId) {
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

  private Map<String, Object> existingValues(String taskId, Set<String> keys) {
    try {
      return tasks.getVariables(taskId, keys);
    } catch (ProcessEngineException notReadable) {
      return Map.of();
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
