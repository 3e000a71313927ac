package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.support.ProbeModels;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;
import org.yizhan.volunteers.PointsLedger;

/**
 * The permission table tried for real: every line of {@code security/station-permissions.yaml}, as a demo user of
 * every role, through every API that can express it (the engine's REST API with HTTP Basic, Tasklist's copy of it with
 * a session and CSRF token, the station's /api). What the table allows must answer 2xx; what it does not must answer
 * 401, 403 or 404 and change nothing: running and finished instances, tasks and who holds them, candidates,
 * variables, jobs, the station's orders, deliveries and cases, deployments, authorizations, users and points.
 *
 * <p>A line without a probe here fails the test, so a new line cannot go untried.
 */
@StationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT {

  /** The demo user each role is tried as; chen.jing is a station manager and a model manager. */
  private static final Map<String, String> TRIED_AS = new LinkedHashMap<>();

  static {
    TRIED_AS.put("volunteer", "wang.fang");
    TRIED_AS.put("merchant", "hetao.market");
    TRIED_AS.put("building-head", "liu.yang");
    TRIED_AS.put("grid-worker", "wu.lei");
    TRIED_AS.put("mediation-committee", "ma.jun");
    TRIED_AS.put("governance-centre", "gao.feng");
    TRIED_AS.put("governance-partner", "officer.bai");
    TRIED_AS.put("station-manager", "sun.hao");
    TRIED_AS.put("model-manager", "chen.jing");
    TRIED_AS.put("administrator", "admin");
    TRIED_AS.put("anonymous", null);
  }

  private static final String PROBE_KEY = "permission-probe";
  private static final String PROBE_FORM = """
      {"id": "permission-probe-form", "type": "default", "schemaVersion": 16, "components": [
        {"type": "textfield", "key": "remark", "label": "备注 (Remark)"}]}""";
  private static final String RICE = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}]}""";
  private static final String ORDER_START_FORM = """
      {"variables": {"residentId": {"value": "R-0002"}, "item1Sku": {"value": "RICE-5KG"},
       "item1Quantity": {"value": 1, "type": "Long"}}}""";
  private static final String DISPUTE_START_FORM = """
      {"variables": {"buildingId": {"value": "B01"}, "type": {"value": "NOISE"}, "parties": {"value": "301, 401"},
       "description": {"value": "Drums at night"}}}""";

  @LocalServerPort int port;
  @Autowired StationPermissions table;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired PointsLedger points;
  @Autowired JdbcClient jdbc;

  private final Map<String, Caller> callers = new ConcurrentHashMap<>();
  private final AtomicInteger serial = new AtomicInteger();
  private String orderNo;
  private String orderCode;
  private String deliveryNo;
  private String caseNo;
  private String caseInstance;

  /** Who tries: the role, the user, and their three ways in. */
  record Caller(String role, String user, Set<String> groups, StationHttp http, TasklistSession webapp) {}

  /** One way a line can be tried: prepare what it acts on (as the station), then act as the caller. */
  record Channel(String api, Function<Caller, Object> prepare, BiFunction<Caller, Object, Response> act) {
    static Channel of(String api, Function<Caller, Response> act) {
      return new Channel(api, caller -> null, (caller, nothing) -> act.apply(caller));
    }
  }

  @BeforeAll
  void fixtures() {
    repository.createDeployment().name("permission probe").addString(PROBE_KEY + ".bpmn", probeModel("Probe (权限测试)"))
        .addString(PROBE_KEY + ".form", PROBE_FORM).deploy();
    repository.createDeployment().name("permission probe v2")
        .addString(PROBE_KEY + ".bpmn", probeModel("Probe, second version (权限测试 第二版)"))
        .addString(PROBE_KEY + ".form", PROBE_FORM).deploy();
    runtime.startProcessInstanceByKey(PROBE_KEY, Map.of("offeredTo", "nobody-here"));

    StationHttp desk = StationHttp.as(port, "wang.fang", "demo");
    Response placed = desk.post("/api/orders", RICE);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    orderNo = placed.json().get("orderNo").asText();
    orderCode = placed.json().get("publicCode").asText();

    Response delivery = StationHttp.as(port, "sun.hao", "demo").post("/api/deliveries", """
        {"residentId": "R-0001", "kind": "MEDICINE", "note": "Insulin"}""");
    assertThat(delivery.status()).as(delivery.text()).isEqualTo(201);
    deliveryNo = delivery.json().get("deliveryNo").asText();

    // A case in building B11: its first level (zhou.lan) is nobody tried here, so only the table decides who reads it.
    Response dispute = StationHttp.as(port, "admin", "admin").post("/api/disputes", """
        {"buildingId": "B11", "type": "NOISE", "parties": "Flat 301 and 401", "description": "Drums at night",
         "riskFlags": []}""");
    assertThat(dispute.status()).as(dispute.text()).isEqualTo(201);
    caseNo = dispute.json().get("caseNo").asText();
    caseInstance = dispute.json().get("processInstanceId").asText();

    points.credit("li.qiang", 1000, "Permission matrix", "probe");
  }

  @TestFactory
  Stream<DynamicNode> everyLineAsEveryRoleThroughEveryApi() {
    Map<String, List<Channel>> probes = probes();
    assertThat(probes.keySet()).as("a probe for every line of the table, and no other")
        .containsExactlyInAnyOrderElementsOf(table.lines().stream().map(StationPermissions.Line::id).toList());
    assertThat(TRIED_AS.keySet()).as("every role of the table is tried")
        .containsExactlyInAnyOrderElementsOf(table.roles().stream().map(StationPermissions.Role::id).toList());

    return table.lines().stream().map(line -> DynamicContainer.dynamicContainer(line.id() + ": " + line.what(),
        TRIED_AS.keySet().stream().flatMap(role -> probes.get(line.id()).stream().map(channel -> {
          String user = TRIED_AS.get(role);
          return DynamicTest.dynamicTest(role + " (" + (user == null ? "nobody" : user) + ") via " + channel.api(),
              () -> tryIt(line.id(), caller(role), channel));
        }))));
  }

  private void tryIt(String line, Caller caller, Channel channel) {
    boolean allowed = table.allows(caller.groups(), line);
    Object target = channel.prepare().apply(caller);
    String before = stateOfTheStation();
    Response answer = channel.act().apply(caller, target);
    if (allowed) {
      assertThat(answer.status()).as("%s may %s: %s", caller.user(), line, answer.text()).isBetween(200, 299);
    } else {
      assertThat(answer.status()).as("%s may not %s: %s", caller.user(), line, answer.text()).isIn(401, 403, 404);
      assertThat(stateOfTheStation()).as("a refused request changes nothing").isEqualTo(before);
    }
  }

  private Map<String, List<Channel>> probes() {
    Map<String, List<Channel>> probes = new LinkedHashMap<>();
    // Tasks
    probes.put("tasklist.open", List.of(
        Channel.of("webapp: the apps a signed-in user may open", caller -> appOpens(caller, "tasklist")),
        Channel.of("REST GET /filter", caller -> caller.http().get("/engine-rest/filter"))));
    probes.put("task.work", List.of(
        new Channel("REST claim + complete", caller -> offeredToCaller(caller, "task.work"), (caller, task) ->
            both(caller.http().post("/engine-rest/task/" + task + "/claim", userBody(caller)),
                () -> caller.http().post("/engine-rest/task/" + task + "/complete", "{}"))),
        new Channel("webapp claim + submit-form", caller -> offeredToCaller(caller, "task.work"), (caller, task) ->
            both(caller.webapp().postToEngine("/task/" + task + "/claim", userBody(caller)),
                () -> caller.webapp().postToEngine("/task/" + task + "/submit-form", "{\"variables\": {}}")))));
    probes.put("task.give-back", List.of(
        new Channel("REST unclaim", caller -> claimedBy(caller, "task.give-back"),
            (caller, task) -> caller.http().post("/engine-rest/task/" + task + "/unclaim", "{}")),
        new Channel("webapp unclaim", caller -> claimedBy(caller, "task.give-back"),
            (caller, task) -> caller.webapp().postToEngine("/task/" + task + "/unclaim", "{}")),
        new Channel("REST hand to a colleague it is offered to", caller -> claimedBy(caller, "task.give-back"),
            (caller, task) -> caller.http().post("/engine-rest/task/" + task + "/assignee",
                "{\"userId\": \"" + colleagueOf(caller, "task.give-back") + "\"}")),
        new Channel("webapp hand to a colleague it is offered to", caller -> claimedBy(caller, "task.give-back"),
            (caller, task) -> caller.webapp().postToEngine("/task/" + task + "/assignee",
                "{\"userId\": \"" + colleagueOf(caller, "task.give-back") + "\"}"))));
    probes.put("task.release", List.of(
        new Channel("REST unclaim", caller -> probeTask("station-volunteers", "li.qiang"),
            (caller, task) -> caller.http().post("/engine-rest/task/" + task + "/unclaim", "{}")),
        new Channel("webapp unclaim", caller -> probeTask("station-volunteers", "li.qiang"),
            (caller, task) -> caller.webapp().postToEngine("/task/" + task + "/unclaim", "{}"))));
    probes.put("task.widen", List.of(
        new Channel("REST add a candidate group", caller -> offeredToCaller(caller, "task.work"),
            (caller, task) -> caller.http().post("/engine-rest/task/" + task + "/identity-links",
                "{\"groupId\": \"merchants\", \"type\": \"candidate\"}")),
        new Channel("webapp add a candidate user", caller -> offeredToCaller(caller, "task.work"),
            (caller, task) -> caller.webapp().postToEngine("/task/" + task + "/identity-links",
                "{\"userId\": \"hetao.market\", \"type\": \"candidate\"}")),
        new Channel("REST claim for somebody else", caller -> offeredToCaller(caller, "task.work"),
            (caller, task) -> caller.http().post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"li.qiang\"}")),
        new Channel("webapp claim for nobody, taking it from its assignee",
            caller -> probeTask(groupFor(caller, "task.work"), "li.qiang"),
            (caller, task) -> caller.webapp().postToEngine("/task/" + task + "/claim", "{\"userId\": null}")),
        new Channel("REST hand a claimed task to somebody it is not offered to",
            caller -> claimedBy(caller, "task.give-back"), (caller, task) -> caller.http()
                .post("/engine-rest/task/" + task + "/assignee", "{\"userId\": \"judge.lu\"}")),
        new Channel("REST set a task variable", caller -> offeredToCaller(caller, "task.work"),
            (caller, task) -> caller.http().put("/engine-rest/task/" + task + "/variables/remark",
                "{\"value\": \"changed\"}"))));
    probes.put("task.read-all", List.of(
        new Channel("REST GET /task/{id}", caller -> probeTask("nobody-here", null),
            (caller, task) -> caller.http().get("/engine-rest/task/" + task)),
        new Channel("webapp GET /task/{id}", caller -> probeTask("nobody-here", null),
            (caller, task) -> caller.webapp().getFromEngine("/task/" + task))));
    // Orders
    probes.put("order.place", List.of(
        Channel.of("api POST /api/orders", caller -> caller.http().post("/api/orders", RICE)),
        Channel.of("REST start form", caller -> caller.http()
            .post("/engine-rest/process-definition/key/station-order/submit-form", ORDER_START_FORM)),
        Channel.of("webapp start form", caller -> caller.webapp()
            .postToEngine("/process-definition/key/station-order/submit-form", ORDER_START_FORM))));
    probes.put("order.read", List.of(
        Channel.of("api GET /api/orders/{no}", caller -> caller.http().get("/api/orders/" + orderNo))));
    probes.put("order.contact", List.of(
        Channel.of("api GET /api/orders/{no}: the resident's phone", caller ->
            shows(caller.http().get("/api/orders/" + orderNo), "resident", "phone"))));
    probes.put("order.cancel", List.of(
        new Channel("api POST /api/orders/{no}/cancel", caller -> newOrder(),
            (caller, order) -> caller.http().post("/api/orders/" + order + "/cancel", "{\"reason\": \"Son came\"}"))));
    probes.put("order.public-page", List.of(
        Channel.of("api GET /api/public/orders/{code}", caller -> caller.http().get("/api/public/orders/" + orderCode))));
    // Deliveries
    probes.put("delivery.read", List.of(
        Channel.of("api GET /api/deliveries/{no}", caller -> caller.http().get("/api/deliveries/" + deliveryNo))));
    probes.put("delivery.contact", List.of(
        Channel.of("api GET /api/deliveries/{no}/contact (nobody has claimed it)",
            caller -> caller.http().get("/api/deliveries/" + deliveryNo + "/contact"))));
    probes.put("delivery.start", List.of(
        Channel.of("api POST /api/deliveries", caller -> caller.http().post("/api/deliveries", """
            {"residentId": "R-0001", "kind": "MEDICINE", "note": "Eye drops"}""")),
        Channel.of("api POST /api/deliveries/rounds",
            caller -> caller.http().post("/api/deliveries/rounds", "{\"kind\": \"MEAL\"}"))));
    // Residents and points
    probes.put("resident.search", List.of(
        Channel.of("api GET /api/residents", caller -> caller.http().get("/api/residents?q=zhang")),
        Channel.of("api GET /api/residents/{id}/needs", caller -> caller.http().get("/api/residents/R-0001/needs")),
        Channel.of("api GET /api/needs/top", caller -> caller.http().get("/api/needs/top?days=30"))));
    probes.put("points.read-all", List.of(
        Channel.of("api GET /api/volunteers/li.qiang/points",
            caller -> caller.http().get("/api/volunteers/li.qiang/points"))));
    probes.put("points.redeem", List.of(
        Channel.of("api POST /api/volunteers/li.qiang/redemptions", caller -> caller.http()
            .post("/api/volunteers/li.qiang/redemptions", "{\"points\": 1, \"prize\": \"Soap (肥皂)\"}"))));
    // Mediation
    probes.put("dispute.register", List.of(
        Channel.of("api POST /api/disputes", caller -> caller.http().post("/api/disputes", """
            {"buildingId": "B01", "type": "NOISE", "parties": "301, 401", "description": "Drums", "riskFlags": []}""")),
        Channel.of("REST start form", caller -> caller.http()
            .post("/engine-rest/process-definition/key/mediation-escalation/submit-form", DISPUTE_START_FORM)),
        Channel.of("webapp start form", caller -> caller.webapp()
            .postToEngine("/process-definition/key/mediation-escalation/submit-form", DISPUTE_START_FORM))));
    probes.put("dispute.read-all", List.of(
        Channel.of("api GET /api/disputes/{no}", caller -> caller.http().get("/api/disputes/" + caseNo)),
        Channel.of("REST GET /process-instance/{id}",
            caller -> caller.http().get("/engine-rest/process-instance/" + caseInstance)),
        Channel.of("REST the case's variables",
            caller -> caller.http().get("/engine-rest/process-instance/" + caseInstance + "/variables"))));
    probes.put("dispute.figures", List.of(
        Channel.of("api GET /api/kpi/mediation",
            caller -> caller.http().get("/api/kpi/mediation?from=2026-01-01&to=2026-12-31"))));
    // Watching the station
    probes.put("cockpit.watch", List.of(
        Channel.of("webapp: the apps a signed-in user may open", caller -> appOpens(caller, "cockpit")),
        Channel.of("REST GET /process-instance/count",
            caller -> caller.http().get("/engine-rest/process-instance/count?processDefinitionKey=station-order"))));
    // Models
    probes.put("model.deploy", List.of(
        Channel.of("REST POST /deployment/create (Modeler's Deploy)", this::deployFromModeler)));
    probes.put("model.migrate", List.of(
        Channel.of("api POST /api/models/{key}/migrate (dry run)", caller -> caller.http()
            .post("/api/models/" + PROBE_KEY + "/migrate", "{\"fromVersion\": 1, \"dryRun\": true}"))));
    probes.put("model.status", List.of(
        Channel.of("api GET /api/models/status", caller -> caller.http().get("/api/models/status"))));
    // Administrators only
    probes.put("instance.change", List.of(
        new Channel("REST suspend", caller -> probeInstance(), (caller, instance) -> caller.http()
            .put("/engine-rest/process-instance/" + instance + "/suspended", "{\"suspended\": true}")),
        new Channel("webapp suspend", caller -> probeInstance(), (caller, instance) -> caller.webapp()
            .sendToEngine("PUT", "/process-instance/" + instance + "/suspended", "{\"suspended\": true}")),
        new Channel("REST modify", caller -> probeInstance(), (caller, instance) -> caller.http()
            .post("/engine-rest/process-instance/" + instance + "/modification", """
                {"instructions": [{"type": "cancel", "activityId": "Task_Work"}]}""")),
        new Channel("REST delete", caller -> probeInstance(), (caller, instance) -> caller.http()
            .send("DELETE", "/engine-rest/process-instance/" + instance, null)),
        new Channel("REST batch delete", caller -> probeInstance(), (caller, instance) -> caller.http()
            .post("/engine-rest/process-instance/delete", "{\"processInstanceIds\": [\"" + instance + "\"]}")),
        new Channel("REST set a variable", caller -> probeInstance(), (caller, instance) -> caller.http()
            .put("/engine-rest/process-instance/" + instance + "/variables/offeredTo", "{\"value\": \"merchants\"}")),
        new Channel("REST run a timer now", caller -> timerOfNewOrder(), (caller, job) -> caller.http()
            .send("POST", "/engine-rest/job/" + job + "/execute", null)),
        new Channel("REST postpone a timer", caller -> timerOfNewOrder(), (caller, job) -> caller.http()
            .put("/engine-rest/job/" + job + "/duedate", "{\"duedate\": \"2030-01-01T00:00:00.000+0000\"}")),
        new Channel("REST restart a finished instance", caller -> finishedInstance(), (caller, instance) -> caller
            .http().post("/engine-rest/process-definition/" + definitionOf((String) instance) + "/restart", """
                {"processInstanceIds": ["%s"], "instructions": [{"type": "startBeforeActivity",
                 "activityId": "Task_Work"}]}""".formatted(instance))),
        new Channel("REST start in the middle", caller -> null, (caller, nothing) -> caller.http()
            .post("/engine-rest/process-definition/key/" + PROBE_KEY + "/start", """
                {"variables": {"offeredTo": {"value": "nobody-here"}},
                 "startInstructions": [{"type": "startBeforeActivity", "activityId": "Event_Done"}]}"""))));
    probes.put("history.delete", List.of(
        new Channel("REST DELETE /history/process-instance/{id}", caller -> finishedInstance(), (caller, instance) ->
            caller.http().send("DELETE", "/engine-rest/history/process-instance/" + instance, null)),
        new Channel("REST batch history delete", caller -> finishedInstance(), (caller, instance) -> caller.http()
            .post("/engine-rest/history/process-instance/delete",
                "{\"historicProcessInstanceIds\": [\"" + instance + "\"]}")),
        new Channel("REST set removal time", caller -> finishedInstance(), (caller, instance) -> caller.http()
            .post("/engine-rest/history/process-instance/set-removal-time", """
                {"absoluteRemovalTime": "2026-01-01T00:00:00.000+0000", "historicProcessInstanceIds": ["%s"]}"""
                .formatted(instance)))));
    probes.put("identity.manage", List.of(
        Channel.of("REST create a user", caller -> caller.http().post("/engine-rest/user/create", """
            {"profile": {"id": "probe.user%d", "firstName": "Probe", "lastName": "User"},
             "credentials": {"password": "a-long-password-1"}}""".formatted(serial.incrementAndGet()))),
        Channel.of("REST grant an authorization", caller -> caller.http().post("/engine-rest/authorization/create", """
            {"type": 1, "permissions": ["ALL"], "userId": "probe.user%d", "resourceType": 0, "resourceId": "*"}"""
            .formatted(serial.incrementAndGet())))));
    probes.put("health.details", List.of(
        Channel.of("api GET /actuator/health: its components", caller -> shows(caller.http().get("/actuator/health"),
            "components"))));
    probes.put("station.backup", List.of(
        Channel.of("actuator POST /actuator/backup", caller -> pastTheBackupPermission(
            caller.http().postRaw("/actuator/backup", "application/json", "")))));
    return probes;
  }

  // ----- callers

  private Caller caller(String role) {
    return callers.computeIfAbsent(role, key -> {
      String user = TRIED_AS.get(role);
      if (user == null) {
        return new Caller(role, null, Set.of(), StationHttp.anonymous(port), TasklistSession.notSignedIn(port));
      }
      String password = user.equals("admin") ? "admin" : "demo";
      Set<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
          .collect(Collectors.toSet());
      return new Caller(role, user, groups, StationHttp.as(port, user, password),
          TasklistSession.login(port, user, password));
    });
  }

  private static String userBody(Caller caller) {
    return "{\"userId\": " + (caller.user() == null ? "null" : "\"" + caller.user() + "\"") + "}";
  }

  // ----- what the probes act on, made as the station (no signed-in user in the test's thread)

  /** One of the caller's groups that the line allows, or the volunteers if none. */
  private String groupFor(Caller caller, String line) {
    Set<String> allowedGroups = table.groupsAllowed(line);
    return caller.groups().stream().filter(allowedGroups::contains).sorted().findFirst().orElse("station-volunteers");
  }

  /** A task offered to one of the caller's groups that the line allows, or to the volunteers if none. */
  private String offeredToCaller(Caller caller, String line) {
    return probeTask(groupFor(caller, line), null);
  }

  /** A task the caller has claimed, or, when the line does not allow them, one a volunteer has claimed. */
  private String claimedBy(Caller caller, String line) {
    boolean allowed = table.allows(caller.groups(), line);
    return probeTask(groupFor(caller, line), allowed ? caller.user() : "wang.fang");
  }

  /** Somebody else in the group of the caller's claimed probe task (see claimedBy). */
  private String colleagueOf(Caller caller, String line) {
    String group = groupFor(caller, line);
    String holder = table.allows(caller.groups(), line) ? caller.user() : "wang.fang";
    return identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
        .filter(user -> !user.equals(holder)).sorted().findFirst()
        .orElseThrow(() -> new IllegalStateException("nobody else in " + group));
  }

  private String probeTask(String offeredTo, String claimedBy) {
    String instance = runtime.startProcessInstanceByKey(PROBE_KEY, Map.of("offeredTo", offeredTo)).getId();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    if (claimedBy != null) {
      tasks.claim(task, claimedBy);
    }
    return task;
  }

  private String probeInstance() {
    return runtime.startProcessInstanceByKey(PROBE_KEY, Map.of("offeredTo", "nobody-here")).getId();
  }

  private String finishedInstance() {
    String instance = probeInstance();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    return instance;
  }

  private String timerOfNewOrder() {
    String order = newOrder();
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(order).singleResult().getId();
    return jdbc.sql("select id_ from act_ru_job where process_instance_id_ = ? and type_ = 'timer'").param(instance)
        .query(String.class).single();
  }

  private String definitionOf(String finishedInstance) {
    return jdbc.sql("select proc_def_id_ from act_hi_procinst where id_ = ?").param(finishedInstance)
        .query(String.class).single();
  }

  private String newOrder() {
    Response placed = StationHttp.as(port, "li.qiang", "demo").post("/api/orders", RICE);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderNo").asText();
  }

  private Response deployFromModeler(Caller caller) {
    String boundary = "----probe" + serial.incrementAndGet();
    String model = probeModel("Probe from Modeler " + serial.get() + " (权限测试)");
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + PROBE_KEY + ".bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + model + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"form\"; filename=\"" + PROBE_KEY + ".form\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + PROBE_FORM + "\r\n--" + boundary + "--\r\n";
    return caller.http().postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
  }

  // ----- answers that are 200 either way: allowed when the protected part is there

  private static Response appOpens(Caller caller, String app) {
    Response user = caller.webapp().get("/camunda/api/admin/auth/user/default");
    if (user.status() != 200) {
      return user;
    }
    boolean opens = false;
    for (var authorized : user.json().path("authorizedApps")) {
      opens |= authorized.asText().equals(app);
    }
    return opens ? user : new Response(403, "not among " + user.json().path("authorizedApps"), null);
  }

  private static Response shows(Response answer, String... path) {
    if (answer.status() != 200) {
      return answer;
    }
    var node = answer.json();
    for (String name : path) {
      node = node == null ? null : node.get(name);
    }
    return node != null && !node.isNull() ? answer : new Response(403, "answered without " + String.join(".", path)
        + ": " + answer.text(), null);
  }

  /**
   * The tests' database is in memory, which has no file to back up: the endpoint answers an admitted caller 409 saying
   * so (BackupRestoreIT takes real backups). Only a caller the table lets through gets that far.
   */
  private static Response pastTheBackupPermission(Response answer) {
    boolean inMemory = answer.status() == 409 && answer.json() != null
        && answer.json().path("error").asText().startsWith("这是内存数据库");
    return inMemory ? new Response(200, "admitted: " + answer.text(), null) : answer;
  }

  private static Response both(Response first, java.util.function.Supplier<Response> second) {
    return first.status() / 100 == 2 ? second.get() : first;
  }

  // ----- the station's state, before and after a refused request

  private String stateOfTheStation() {
    List<String> parts = new ArrayList<>();
    for (String query : List.of(
        "select count(*) from act_ru_execution",
        "select count(*) || ':' || coalesce(sum(suspension_state_), 0) from act_ru_execution",
        "select count(*) from act_hi_procinst",
        "select count(*) || ':' || coalesce(sum(case when removal_time_ is null then 0 else 1 end), 0) from act_hi_procinst",
        "select count(*) from act_ru_task",
        "select coalesce(listagg(id_ || '=' || coalesce(assignee_, '-'), ',') within group (order by id_), '') from act_ru_task",
        "select count(*) from act_ru_identitylink",
        "select coalesce(listagg(name_ || '=' || coalesce(text_, '') || coalesce(cast(long_ as varchar), ''), ',')"
            + " within group (order by id_), '') from act_ru_variable",
        "select coalesce(listagg(id_ || '@' || coalesce(cast(duedate_ as varchar), '-'), ',') within group (order by id_), '')"
            + " from act_ru_job",
        "select count(*) from act_re_deployment",
        "select coalesce(listagg(coalesce(user_id_, '') || coalesce(group_id_, '') || '/' || resource_id_ || '='"
            + " || cast(perms_ as varchar), ',') within group (order by id_), '') from act_ru_authorization",
        "select count(*) from act_id_user",
        "select coalesce(listagg(order_no || '=' || status, ',') within group (order by order_no), '') from station_order",
        "select count(*) from delivery",
        "select count(*) from station_order_merchant",
        "select count(*) from dispute_case",
        "select count(*) || ':' || coalesce(sum(points), 0) from volunteer_points",
        "select coalesce(sum(balance), 0) from volunteer_balance")) {
      parts.add(String.valueOf(jdbc.sql(query).query(String.class).single()));
    }
    return String.join(" | ", parts);
  }

  private static String probeModel(String name) {
    return new String(ProbeModels.process(PROBE_KEY, name, "${offeredTo}", "",
        ProbeModels.formRef("permission-probe-form", "deployment")), StandardCharsets.UTF_8);
  }
}
