package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.RawHttp;
import org.yizhan.support.StationHttp;
import org.yizhan.support.TasklistSession;

/**
 * Issue 13's attack suite: what was tried against Yizhan, sent the way an attacker would, through every spelling of
 * the request (the canonical path, a trailing slash, a matrix parameter, a percent-encoded letter, the body in UTF-16,
 * UTF-32 and overlong UTF-8, and Tasklist's copy of the engine API), as a volunteer, a merchant and a manager.
 * Each attack must be refused (400 or 403, never a 2xx or a 500) and, more to the point, must not have happened: the
 * probe expressions set a system property or create a file if they are ever evaluated, deployments and filters must
 * not exist afterwards, and a refused task completion leaves the task open.
 */
@StationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackSuiteIT {

  private static final String PROBE_PROPERTY = "yizhan.attack.probe";
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Spelling {
    CANONICAL, TRAILING_SLASH, MATRIX_PARAMETER, ENCODED_LETTER, UTF_16, UTF_32, OVERLONG_UTF_8, WEBAPP_COPY;

    boolean changesBody() {
      return this == UTF_16 || this == UTF_32 || this == OVERLONG_UTF_8;
    }
  }

  private record Attacker(String label, String user) {}

  private static final List<Attacker> ATTACKERS = List.of(new Attacker("volunteer", "wang.fang"),
      new Attacker("merchant", "hetao.market"), new Attacker("manager", "chen.jing"));

  @LocalServerPort int port;
  @Autowired FilterService filters;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;

  private Path probeFile;
  private final Map<String, TasklistSession> sessions = new HashMap<>();

  @BeforeAll
  void setUp() throws Exception {
    probeFile = Files.createTempDirectory("yizhan-attack").resolve("pwned");
    for (Attacker attacker : ATTACKERS) {
      sessions.put(attacker.user(), TasklistSession.login(port, attacker.user(), "demo"));
    }
  }

  @AfterEach
  void nothingRan() {
    assertThat(System.getProperty(PROBE_PROPERTY)).as("a probe expression set the system property").isNull();
    assertThat(probeFile).as("a probe expression created the file").doesNotExist();
  }

  /** Expressions that leave a trace if they are ever evaluated. */
  private List<String> probes() {
    String setsProperty = "''.getClass().forName('java.lang.System').getMethod('setProperty', ''.getClass(), "
        + "''.getClass()).invoke(null, '" + PROBE_PROPERTY + "', 'ran')";
    String createsFile = "''.getClass().forName('java.io.File').getConstructor(''.getClass()).newInstance('"
        + probeFile + "').createNewFile()";
    return List.of("${" + setsProperty + "}", "#{" + createsFile + "}");
  }

  /** Every expression criterion of Camunda's task query, as its REST API names it. */
  private static List<String> expressionCriteria() {
    return Arrays.stream(TaskQueryDto.class.getMethods())
        .map(method -> method.getName())
        .filter(name -> name.startsWith("set") && name.endsWith("Expression"))
        .map(name -> Character.toLowerCase(name.charAt(3)) + name.substring(4))
        .distinct().sorted().toList();
  }

  @TestFactory
  Stream<DynamicTest> taskQueriesWithExpressionsAreRefusedAtAnyDepth() {
    List<String> criteria = expressionCriteria();
    assertThat(criteria).hasSizeGreaterThanOrEqualTo(20).contains("assigneeExpression", "candidateGroupsExpression");
    List<DynamicTest> attacks = new ArrayList<>();
    for (Attacker attacker : ATTACKERS) {
      for (Spelling spelling : Spelling.values()) {
        for (String criterion : criteria) {
          String probe = probes().get(criterion.length() % 2);
          String topLevel = json(Map.of(criterion, probe));
          String nested = json(Map.of("orQueries", List.of(Map.of(criterion, probe))));
          attacks.add(refused(attacker, spelling, "POST /task " + criterion, "POST", "/task", "", topLevel));
          attacks.add(refused(attacker, spelling, "POST /task orQueries." + criterion, "POST", "/task", "", nested));
          attacks.add(refused(attacker, spelling, "POST /task/count orQueries." + criterion, "POST", "/task/count", "",
              nested));
          if (!spelling.changesBody()) {
            attacks.add(refused(attacker, spelling, "GET /task?" + criterion, "GET", "/task",
                "?" + criterion + "=" + java.net.URLEncoder.encode(probe, StandardCharsets.UTF_8), null));
          }
        }
      }
    }
    return attacks.stream();
  }

  @TestFactory
  Stream<DynamicTest> filtersCarryNoUnsafeExpressionWhenRunCreatedOrUpdated() {
    String filterId = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").singleResult().getId();
    String storedQuery = storedQuery(filterId);
    List<DynamicTest> attacks = new ArrayList<>();
    List<Attacker> withAdmin = new ArrayList<>(ATTACKERS);
    withAdmin.add(new Attacker("administrator", "admin"));
    for (Attacker attacker : withAdmin) {
      for (Spelling spelling : Spelling.values()) {
        for (String criterion : expressionCriteria()) {
          String probe = probes().get(criterion.length() % 2);
          String extending = json(Map.of("orQueries", List.of(Map.of(criterion, probe))));
          attacks.add(refused(attacker, spelling, "run filter with " + criterion, "POST",
              "/filter/" + filterId + "/list", "?firstResult=0&maxResults=15", extending));
          attacks.add(refused(attacker, spelling, "count filter with " + criterion, "POST",
              "/filter/" + filterId + "/count", "", extending));
          String name = "attack " + criterion;
          String filter = json(Map.of("resourceType", "Task", "name", name, "owner", attacker.user(),
              "query", Map.of("orQueries", List.of(Map.of(criterion, probe))), "properties", Map.of()));
          attacks.add(refused(attacker, spelling, "create filter with " + criterion, "POST", "/filter/create", "",
              filter, () -> assertThat(filters.createFilterQuery().filterName(name).count()).isZero()));
          attacks.add(refused(attacker, spelling, "update filter with " + criterion, "PUT", "/filter/" + filterId, "",
              filter, () -> assertThat(storedQuery(filterId)).isEqualTo(storedQuery)));
        }
      }
    }
    return attacks.stream();
  }

  @TestFactory
  Stream<DynamicTest> deploymentsThatWouldRunCodeAreRefused() {
    Map<String, String> models = new LinkedHashMap<>();
    models.put("expression behind a timer start", process("attack-expression",
        "<bpmn:serviceTask id=\"Task_Attack\" camunda:expression=\"" + probes().get(0).replace("'", "&apos;") + "\" />"));
    models.put("script task", process("attack-script", "<bpmn:scriptTask id=\"Task_Attack\" scriptFormat=\"javascript\">"
        + "<bpmn:script>java.lang.System.setProperty('" + PROBE_PROPERTY + "', 'ran')</bpmn:script></bpmn:scriptTask>"));
    models.put("Java class", process("attack-class", "<bpmn:serviceTask id=\"Task_Attack\" camunda:class=\"java.lang.Thread\" />"));
    List<DynamicTest> attacks = new ArrayList<>();
    for (Attacker attacker : ATTACKERS) {
      for (Spelling spelling : Spelling.values()) {
        if (spelling.changesBody()) {
          continue; // a multipart body carries the model as bytes; its encoding is the XML's own
        }
        models.forEach((what, bpmn) -> {
          String key = bpmn.substring(bpmn.indexOf("process id=\"") + 12, bpmn.indexOf("\" isExecutable"));
          attacks.add(DynamicTest.dynamicTest(attacker.label() + " · " + spelling + " · deploy " + what, () -> {
            RawHttp.Response answer = deploy(attacker, spelling, key + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(answer.text()).isIn(refusals(spelling));
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
            assertThat(repository.createDeploymentQuery().deploymentName(key).count()).isZero();
          }));
        });
      }
    }
    return attacks.stream();
  }

  @TestFactory
  Stream<DynamicTest> formSubmissionsBreakingTheFormsRulesAreRefused() {
    Map<String, Map<String, Object>> breaches = new LinkedHashMap<>();
    breaches.put("a decline note of 494 characters with a script tag", Map.of("acceptDecision", "DECLINE",
        "declineReason", "OUT_OF_STOCK", "declineNote", "<script>alert(1)</script>" + "拒".repeat(469)));
    breaches.put("the same note riding along with an accepted order", Map.of("acceptDecision", "ACCEPT",
        "declineNote", "<script>alert(1)</script>" + "拒".repeat(469)));
    breaches.put("5,000 characters", Map.of("acceptDecision", "DECLINE", "declineReason", "OUT_OF_STOCK",
        "declineNote", "x".repeat(5000)));
    breaches.put("a decision that is not a choice", Map.of("acceptDecision", "MAYBE"));
    breaches.put("no decision", Map.of("declineNote", "?"));
    List<DynamicTest> attacks = new ArrayList<>();
    for (Attacker attacker : ATTACKERS) {
      for (Spelling spelling : Spelling.values()) {
        breaches.forEach((what, values) -> {
          for (String action : List.of("complete", "submit-form")) {
            attacks.add(DynamicTest.dynamicTest(attacker.label() + " · " + spelling + " · " + action + " with " + what,
                () -> {
                  String taskId = newAcceptTask();
                  Map<String, Object> variables = new LinkedHashMap<>();
                  values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
                  RawHttp.Response answer = send(attacker, spelling, "POST", "/task/" + taskId + "/" + action, "",
                      json(Map.of("variables", variables)));
                  assertThat(answer.status()).as(answer.text()).isIn(refusals(spelling));
                  assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task is still open").isOne();
                  assertThat(tasks.getVariables(taskId)).doesNotContainKey("declineNote");
                }));
          }
        });
      }
    }
    return attacks.stream();
  }

  /** The filter's query as the administrator reads it over the engine's API. */
  private String storedQuery(String filterId) {
    var filter = StationHttp.as(port, "admin", "admin").get("/engine-rest/filter/" + filterId);
    assertThat(filter.status()).isEqualTo(200);
    return filter.json().get("query").toString();
  }

  private DynamicTest refused(Attacker attacker, Spelling spelling, String what, String method, String path,
      String query, String body) {
    return refused(attacker, spelling, what, method, path, query, body, () -> { });
  }

  private DynamicTest refused(Attacker attacker, Spelling spelling, String what, String method, String path,
      String query, String body, Runnable unchanged) {
    return DynamicTest.dynamicTest(attacker.label() + " · " + spelling + " · " + what, () -> {
      RawHttp.Response answer = send(attacker, spelling, method, path, query, body);
      assertThat(answer.status()).as(answer.text()).isIn(refusals(spelling));
      unchanged.run();
    });
  }

  /**
   * What counts as refused: 400 (the request or what it asks is wrong) or 403 (the caller may not); a percent-encoded
   * letter names no resource of the REST API, which answers 404.
   */
  private static List<Integer> refusals(Spelling spelling) {
    return spelling == Spelling.ENCODED_LETTER ? List.of(400, 403, 404) : List.of(400, 403);
  }

  private RawHttp.Response send(Attacker attacker, Spelling spelling, String method, String path, String query,
      String body) {
    Map<String, String> headers = new LinkedHashMap<>(credentials(attacker, spelling));
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return RawHttp.send(port, method, root(spelling) + spelled(path, spelling) + query, lines(headers),
        body == null ? null : encoded(body, spelling));
  }

  private RawHttp.Response deploy(Attacker attacker, Spelling spelling, String fileName, byte[] model) {
    String boundary = "----attack" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = Map.of("deployment-name", fileName.replace(".bpmn", ""),
        "deployment-source", "Camunda Modeler", "enable-duplicate-filtering", "true");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(model);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>(credentials(attacker, spelling));
    headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
    return RawHttp.send(port, "POST", root(spelling) + spelled("/deployment/create", spelling), lines(headers),
        body.toByteArray());
  }

  private static List<String> lines(Map<String, String> headers) {
    return headers.entrySet().stream().map(header -> header.getKey() + ": " + header.getValue()).toList();
  }

  private Map<String, String> credentials(Attacker attacker, Spelling spelling) {
    if (spelling == Spelling.WEBAPP_COPY) {
      TasklistSession session = sessions.computeIfAbsent(attacker.user(), user -> TasklistSession.login(port, user,
          "admin".equals(user) ? "admin" : "demo"));
      return Map.of("Cookie", session.cookieHeader(), "X-XSRF-TOKEN", session.csrfToken());
    }
    String password = "admin".equals(attacker.user()) ? "admin" : "demo";
    return Map.of("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((attacker.user() + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private static String root(Spelling spelling) {
    return spelling == Spelling.WEBAPP_COPY ? "/camunda/api/engine/engine/default" : "/engine-rest";
  }

  /** The path as the spelling writes it: {@code /task/}, {@code /task;x=1}, {@code /%74ask}. */
  private static String spelled(String path, Spelling spelling) {
    int secondSlash = path.indexOf('/', 1);
    String first = secondSlash < 0 ? path : path.substring(0, secondSlash);
    String rest = secondSlash < 0 ? "" : path.substring(secondSlash);
    return switch (spelling) {
      case TRAILING_SLASH -> path + "/";
      case MATRIX_PARAMETER -> first + ";x=1" + rest;
      case ENCODED_LETTER -> "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2);
      default -> path;
    };
  }

  private static byte[] encoded(String body, Spelling spelling) {
    return switch (spelling) {
      case UTF_16 -> body.getBytes(StandardCharsets.UTF_16LE);
      case UTF_32 -> body.getBytes(Charset.forName("UTF-32BE"));
      case OVERLONG_UTF_8 -> overlong(body);
      default -> body.getBytes(StandardCharsets.UTF_8);
    };
  }

  /** '$', '#' and '{' as two-byte overlong forms, which a lenient decoder reads as the characters themselves. */
  private static byte[] overlong(String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
      if (b == '$' || b == '#' || b == '{') {
        out.write(0xC0 | (b >> 6));
        out.write(0x80 | (b & 0x3F));
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** A fresh order's *Accept order* task, placed by a volunteer through the station's API. */
  private String newAcceptTask() {
    var placed = StationHttp.as(port, "li.qiang", "demo").post("/api/orders",
        "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}], "
            + "\"deliveryPreference\": null, \"note\": \"\"}");
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String instance = placed.json().get("processInstanceId").asText();
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(TASK_ACCEPT_ORDER).singleResult()
        .getId();
  }

  private static String process(String key, String step) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Attack" targetNamespace="x">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Timer"><bpmn:timerEventDefinition id="TimerEventDefinition_Now"><bpmn:timeDate>2020-01-01T00:00:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:sequenceFlow id="Flow_ToAttack" sourceRef="StartEvent_Timer" targetRef="Task_Attack" />
            %s
          </bpmn:process>
        </bpmn:definitions>""".formatted(key, step).strip();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
