package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.RawHttp;
import org.yizhan.support.StationHttp;
import org.yizhan.support.TasklistSession;

/**
 * Odd spellings of engine API calls are refused with 400 before routing and change nothing, through {@code /engine-rest}
 * and through the webapps' copy alike. The requests are written byte by byte, so the server receives them as written.
 */
@StationTest
class RequestFirewallIT {

  /** The two copies of the engine API, each with the credentials it takes. */
  enum Api {
    ENGINE_REST("/engine-rest"), WEBAPP("/camunda/api/engine/engine/default");

    final String root;

    Api(String root) {
      this.root = root;
    }
  }

  private static final String CLAIM = "{\"userId\": \"wang.fang\"}";
  private static TasklistSession tasklist;

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;

  @ParameterizedTest(name = "{1} {2} on {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ENGINE_REST | GET  | /task;x                   | firewall
      WEBAPP      | GET  | /task;x                   | firewall
      ENGINE_REST | POST | /task/{id};x/claim        | firewall
      WEBAPP      | POST | /task/{id};x/claim        | firewall
      ENGINE_REST | POST | /task/{id};x=1/complete   | firewall
      WEBAPP      | POST | /task/{id};x=1/complete   | firewall
      ENGINE_REST | POST | /task%2F{id}/claim        | tomcat
      WEBAPP      | POST | /task%2F{id}/claim        | tomcat
      ENGINE_REST | POST | /x/%2e%2e/task/{id}/claim | firewall
      WEBAPP      | POST | /x/%2e%2e/task/{id}/claim | firewall
      ENGINE_REST | POST | /task/%2E/{id}/claim      | firewall
      ENGINE_REST | POST | /x/../task/{id}/claim     | firewall
      WEBAPP      | POST | /x/../task/{id}/claim     | firewall
      ENGINE_REST | POST | /task%5C{id}/claim        | tomcat
      WEBAPP      | POST | /task%5C{id}/claim        | tomcat
      ENGINE_REST | POST | /task\\{id}/claim         | tomcat
      WEBAPP      | POST | /task\\{id}/claim         | tomcat
      ENGINE_REST | POST | /task//{id}/claim         | firewall
      WEBAPP      | POST | /task//{id}/claim         | firewall
      ENGINE_REST | POST | /task/%25{id}/claim       | firewall
      ENGINE_REST | GET  | /task/                    | firewall
      WEBAPP      | GET  | /task/                    | firewall
      ENGINE_REST | POST | /task/{id}/claim/         | firewall
      WEBAPP      | POST | /task/{id}/claim/         | firewall
      ENGINE_REST | POST | /task/{id}/complete/      | firewall
      WEBAPP      | POST | /task/{id}/complete/      | firewall
      ENGINE_REST | POST | /engine/default/task/{id}/claim/ | firewall
      """)
  void oddPathIsRefusedAndTheTaskStaysUnclaimed(Api api, String method, String path, String answeredBy) {
    String taskId = openTask();
    String target = api.root + path.replace("{id}", taskId);

    RawHttp.Response answer = send(api, method, target, "application/json",
        path.contains("complete") ? "{\"variables\": {}}".getBytes(StandardCharsets.UTF_8) : claimBody());

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    if (answeredBy.equals("firewall")) {
      assertThat(answer.json().get("type").asText()).isEqualTo("InvalidRequestException");
      assertThat(answer.json().get("message").asText()).startsWith("请求路径");
    }
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    assertThat(task).as("the task is still open").isNotNull();
    assertThat(task.getAssignee()).as("nobody claimed it").isNull();
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void canonicalClaimGoesThrough(Api api) {
    String taskId = openTask();

    RawHttp.Response answer = send(api, "POST", api.root + "/task/" + taskId + "/claim",
        "application/json; charset=UTF-8", claimBody());

    assertThat(answer.status()).as(answer.text()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("wang.fang");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      deploy with a ';' parameter     | /deployment;x=1/create
      deploy with a trailing slash    | /deployment/create/
      deploy through an encoded dot   | /x/%2e%2e/deployment/create
      deploy through '..'             | /x/../deployment/create
      """)
  void oddDeploymentPathDeploysNothing(String description, String path) {
    long before = repository.createDeploymentQuery().count();
    String boundary = "yizhan-test";
    byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nodd\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"odd.bpmn\"; filename=\"odd.bpmn\"\r\n"
        + "Content-Type: text/xml\r\n\r\n" + TINY_PROCESS + "\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8);

    RawHttp.Response answer = RawHttp.send(port, "POST", "/engine-rest" + path, List.of(basic("chen.jing", "demo"),
        "Content-Type: multipart/form-data; boundary=" + boundary), body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(repository.createDeploymentQuery().count()).as("deployments").isEqualTo(before);
  }

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ENGINE_REST | UTF-16LE                 | application/json                 |
      WEBAPP      | UTF-16LE                 | application/json                 |
      ENGINE_REST | UTF-16BE                 | application/json                 |
      WEBAPP      | UTF-16BE                 | application/json                 |
      ENGINE_REST | UTF-16 with BOM          | application/json                 |
      ENGINE_REST | UTF-32BE                 | application/json                 |
      WEBAPP      | UTF-32BE                 | application/json                 |
      ENGINE_REST | UTF-32LE                 | application/json                 |
      ENGINE_REST | overlong dot             | application/json                 |
      WEBAPP      | overlong dot             | application/json                 |
      ENGINE_REST | overlong slash           | application/json                 |
      ENGINE_REST | overlong quote           | application/json                 |
      WEBAPP      | overlong quote           | application/json                 |
      ENGINE_REST | invalid byte             | application/json                 |
      WEBAPP      | invalid byte             | application/json                 |
      ENGINE_REST | encoded surrogate        | application/json                 |
      ENGINE_REST | UTF-16LE                 | application/json; charset=UTF-16 |
      WEBAPP      | UTF-16LE                 | application/json; charset=UTF-16 |
      ENGINE_REST | UTF-8                    | application/json; charset=UTF-16 |
      ENGINE_REST | UTF-8                    | application/json; charset=ISO-8859-1 |
      ENGINE_REST | gzip                     | application/json                 | gzip
      WEBAPP      | gzip                     | application/json                 | gzip
      ENGINE_REST | UTF-8                    | application/json                 | deflate
      ENGINE_REST | not JSON                 | application/json                 |
      WEBAPP      | not JSON                 | application/json                 |
      ENGINE_REST | JSON and more            | application/json                 |
      ENGINE_REST | not JSON                 |                                  |
      ENGINE_REST | larger than 1 MiB        | application/json                 |
      WEBAPP      | larger than 1 MiB        | application/vnd.api+json         |
      """)
  void oddBodyIsRefusedAndTheTaskStaysUnclaimed(Api api, String encoding, String contentType, String contentEncoding)
      throws IOException {
    String taskId = openTask();
    List<String> headers = new ArrayList<>(credentials(api));
    if (contentType != null) {
      headers.add("Content-Type: " + contentType);
    }
    if (contentEncoding != null) {
      headers.add("Content-Encoding: " + contentEncoding);
    }

    RawHttp.Response answer = RawHttp.send(port, "POST", api.root + "/task/" + taskId + "/claim", headers,
        body(encoding));

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(answer.json().get("message").asText()).matches("(?s)^\\p{IsHan}.*\\(.+\\)$");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).as("nobody claimed it").isNull();
  }

  @Test
  void deploymentLargerThanTenMiBIsRefusedAndDeploysNothing() {
    long before = repository.createDeploymentQuery().count();
    String boundary = "yizhan-test";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbig\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"big.bpmn\"; filename=\"big.bpmn\"\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(TINY_PROCESS.replace("</bpmn:definitions>", "<!--" + "x".repeat(10 * 1024 * 1024) + "-->"
        + "</bpmn:definitions>").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    RawHttp.Response answer = RawHttp.send(port, "POST", "/engine-rest/deployment/create",
        List.of(basic("chen.jing", "demo"), "Content-Type: multipart/form-data; boundary=" + boundary),
        body.toByteArray());

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("10 MiB");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void stationApiRefusesOddBodiesInItsOwnErrorShape() {
    long before = tasks.createTaskQuery().count();
    byte[] utf16 = "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}"
        .getBytes(StandardCharsets.UTF_16LE);

    RawHttp.Response answer = RawHttp.send(port, "POST", "/api/orders",
        List.of(basic("wang.fang", "demo"), "Content-Type: application/json"), utf16);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("error").asText()).startsWith("请求体不是有效的 JSON");
    assertThat(tasks.createTaskQuery().count()).as("no order started").isEqualTo(before);
  }

  /** The calls Tasklist, Cockpit and Admin make with a trailing slash themselves keep working. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GET     | /camunda/api/engine/engine/
      GET     | /camunda/api/engine/engine/default/batch/statistics/
      OPTIONS | /camunda/api/engine/engine/default/user/
      OPTIONS | /camunda/api/engine/engine/default/group/
      OPTIONS | /camunda/api/engine/engine/default/tenant/
      """)
  void trailingSlashesTheWebappsUseKeepWorking(String method, String path) {
    TasklistSession admin = TasklistSession.login(port, "admin", "admin");

    RawHttp.Response answer = RawHttp.send(port, method, path, List.of("Cookie: " + admin.cookieHeader()), null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
  }

  @Test
  void theLoginPageGetsTheEngineListBeforeAnybodySignsIn() {
    RawHttp.Response answer = RawHttp.send(port, "GET", "/camunda/api/engine/engine/", List.of(), null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("default");
  }

  private RawHttp.Response send(Api api, String method, String target, String contentType, byte[] body) {
    List<String> headers = new ArrayList<>(credentials(api));
    headers.add("Content-Type: " + contentType);
    return RawHttp.send(port, method, target, headers, body);
  }

  private List<String> credentials(Api api) {
    if (api == Api.ENGINE_REST) {
      return List.of(basic("wang.fang", "demo"));
    }
    if (tasklist == null) {
      tasklist = TasklistSession.login(port, "wang.fang", "demo");
    }
    return List.of("Cookie: " + tasklist.cookieHeader(), "X-XSRF-TOKEN: " + tasklist.csrfToken());
  }

  private static String basic(String user, String password) {
    return "Authorization: Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh order's first task, open to wang.fang's group and claimed by nobody. */
  private String openTask() {
    String orderNo = StationHttp.as(port, "wang.fang", "demo").post("/api/orders",
            "{\"residentId\": \"R-0002\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}")
        .json().get("orderNo").asText();
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(orderNo).taskDefinitionKey(TASK_ACCEPT_ORDER)
        .singleResult();
    assertThat(task.getAssignee()).isNull();
    return task.getId();
  }

  private static byte[] claimBody() {
    return CLAIM.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] body(String encoding) throws IOException {
    return switch (encoding) {
      case "UTF-8" -> claimBody();
      case "UTF-16LE", "UTF-16BE", "UTF-32BE", "UTF-32LE" -> CLAIM.getBytes(Charset.forName(encoding));
      case "UTF-16 with BOM" -> CLAIM.getBytes(StandardCharsets.UTF_16);
      // 0xC0 0xAE is '.' written in two bytes, 0xC0 0xAF '/', 0xC0 0xA2 '"': a lenient decoder reads them as those.
      case "overlong dot" -> withBytes("{\"userId\": \"wang", "C0AE", "fang\"}");
      case "overlong slash" -> withBytes("{\"userId\": \"wang", "C0AF", "fang\"}");
      case "overlong quote" -> withBytes("{\"userId\": \"wang.fang", "C0A2", "}");
      case "invalid byte" -> withBytes("{\"userId\": \"wang", "FF", "fang\"}");
      // A UTF-16 surrogate written as UTF-8 bytes (CESU-8), which UTF-8 forbids.
      case "encoded surrogate" -> withBytes("{\"userId\": \"wang", "EDA080", "fang\"}");
      case "gzip" -> gzip(claimBody());
      case "not JSON" -> "userId=wang.fang".getBytes(StandardCharsets.UTF_8);
      case "JSON and more" -> (CLAIM + " {\"userId\": \"li.qiang\"}").getBytes(StandardCharsets.UTF_8);
      case "larger than 1 MiB" -> ("{\"userId\": \"wang.fang\", \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException(encoding);
    };
  }

  private static byte[] withBytes(String before, String hex, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(HexFormat.of().parseHex(hex));
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static final String TINY_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_Odd"
          targetNamespace="http://yizhan.org/test">
        <bpmn:process id="odd-process" isExecutable="true">
          <bpmn:startEvent id="Event_Start"/>
        </bpmn:process>
      </bpmn:definitions>""";
}
