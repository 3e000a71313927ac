package org.yizhan.benchmark;

import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yizhan.YizhanApplication;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;
import org.yizhan.support.cluster.AppNode;
import org.yizhan.support.TestFolders;
import org.yizhan.support.cluster.FreshPostgres;

/**
 * The station's busiest moments, measured against bare Camunda in the same run: N staff clients place orders over
 * {@code POST /api/orders}, then work each to COMPLETED through {@code /engine-rest} as the right users (a quarter of
 * the orders go to the door); then the same clients start and work a bare process with as many user tasks and no
 * listeners, DMN, forms or domain writes. Then the canteen's meal round, started by one request and carried to every
 * door; neighbours' disputes, each registered and mediated at one of the four levels, then visited again and closed
 * or referred; and a Tasklist scale scenario: thousands of open tasks across groups and the request Tasklist sends for
 * a group's filter. Prints throughput, p50/p95/p99 and the ratio to the reference, and what placing an order costs
 * when one client places them one at a time.
 *
 * <p>Run: {@code ./mvnw -B test-compile failsafe:integration-test -Dbenchmark.orders=400 -Dbenchmark.meals=200
 * -Dbenchmark.disputes=200 -Dbenchmark.clients=8 -Dbenchmark.openTasks=20000} (add
 * {@code -Dbenchmark.postgres=true} for a fresh database on the local PostgreSQL server, and
 * {@code -Dbenchmark.nodes=2} with it for a second node, the packaged jar, on the same database); docs/performance.md
 * has the figures and every setting.
 */
public final class StationBenchmark {

  /**
   * @param batch  orders (and reference instances) placed and worked per turn of each side
   * @param warmup orders (and reference instances) worked before the measured runs, unmeasured, so that neither side
   *               pays for the JIT compiler's warming up and the order in which they run does not decide the ratio
   * @param oneAtATime orders placed, and reference instances started, by a single client taking turns between the
   *               sides, so that nobody queues in front of a request: what placing itself costs, beside the rush
   */
  public record Settings(int orders, int batch, int clients, int openTasks, int warmup, int meals, int disputes,
      int oneAtATime, boolean postgres, int nodes, Path workDir) {

    /**
     * @throws IllegalArgumentException for more than one node on H2: H2's file is the station's own, one JVM opens it
     */
    public Settings {
      if (nodes < 1 || nodes > 1 && !postgres) {
        throw new IllegalArgumentException("-Dbenchmark.nodes=" + nodes + ": more than one node needs "
            + "-Dbenchmark.postgres=true (a node of its own cannot share an H2 file)");
      }
    }

    static Settings fromSystemProperties() {
      return new Settings(Integer.getInteger("benchmark.orders", 50), Integer.getInteger("benchmark.batch", 100),
          Integer.getInteger("benchmark.clients", 8), Integer.getInteger("benchmark.openTasks", 500),
          Integer.getInteger("benchmark.warmup", 40), Integer.getInteger("benchmark.meals", 50),
          Integer.getInteger("benchmark.disputes", 20), Integer.getInteger("benchmark.oneAtATime", 50),
          Boolean.getBoolean("benchmark.postgres"), Integer.getInteger("benchmark.nodes", 1),
          Path.of("target", "benchmark"));
    }
  }

  /**
   * @param mealsDelivered meals of the round delivered, out of {@code mealsInRound} (the benchmark's residents on the
   *                       canteen's list and the demo's)
   * @param disputesClosed   disputes of the run settled at one of the four levels, visited again and closed
   * @param disputesReferred disputes of the run not settled at the joint session and referred
   */
  public record Report(int ordersCompleted, int referenceCompleted, int mealsInRound, int mealsDelivered,
      int disputesClosed, int disputesReferred, int errors, long incidents, String text) {}

  /** The reference: five user tasks in a row, like a pick-up order of goods, and nothing else. */
  static final String REFERENCE_KEY = "bench-reference";
  private static final List<String> ORDER_TASKS = List.of(TASK_ACCEPT_ORDER, TASK_CONFIRM_STOCK, TASK_DELIVER_TO_STATION,
      TASK_CHECK_GOODS, TASK_HAND_OVER_AT_STATION);

  /** What a volunteer submits at the door when the resident takes the goods or the meal. */
  private static final String DELIVERED_AT_THE_DOOR = "{\"outcome\": {\"value\": \"DELIVERED\"}, \"receivedBy\": "
      + "{\"value\": \"Zhang\"}, \"satisfaction\": {\"value\": \"5\"}, \"antiFraudTalk\": {\"value\": true}}";

  /**
   * Same as application.yaml's default URL settings, unless -Dbenchmark.h2Settings gives others to compare (e.g.
   * H2's own WRITE_DELAY, which is not crash-safe: docs/operations.md).
   */
  static final String H2_SETTINGS = withLeadingSemicolon(
      System.getProperty("benchmark.h2Settings", ";QUERY_CACHE_SIZE=256;WRITE_DELAY=0"));

  private final Settings settings;
  private final List<Long> placeLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> completeLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> refStartLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> refCompleteLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> alonePlaceLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> aloneStartLatencies = Collections.synchronizedList(new ArrayList<>());
  /** Where the latencies of unmeasured work go. */
  private final List<Long> unmeasured = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> mealLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> registerLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> mediationLatencies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger errors = new AtomicInteger();
  private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
  private String phases = "";
  /** The number each placed order got, by its index in the run; null where placing it failed. */
  private String[] orderNos = new String[0];
  /** The nodes' HTTP ports, this JVM's first; the clients' requests are spread over them ({@link #node(int)}). */
  private int[] ports = new int[0];
  /** Timed requests each node answered, by the node's place in {@link #ports}. */
  private AtomicInteger[] timedByNode = new AtomicInteger[0];
  /** Who the nodes are, for the report. */
  private String nodesText = "";

  public StationBenchmark(Settings settings) {
    this.settings = settings;
  }

  public Report run() throws Exception {
    Path db = settings.workDir().resolve("db");
    TestFolders.deleteRecursively(settings.workDir());
    Files.createDirectories(settings.workDir());
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--yizhan.models-check-interval=0",
        "--logging.level.root=WARN", "--logging.level.org.yizhan=WARN"));
    // Settings to try, e.g. -Dbenchmark.appArgs="--spring.datasource.hikari.maximum-pool-size=4"
    String extra = System.getProperty("benchmark.appArgs", "").trim();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    String postgresUrl = null;
    if (settings.postgres()) {
      // Kept after the run for a look at its tables; the next run drops it first.
      postgresUrl = FreshPostgres.create("yizhan_benchmark").jdbcUrl();
      args.add("--spring.profiles.active=demo,postgres");
      args.add("--spring.datasource.url=" + postgresUrl);
    } else {
      args.add("--spring.datasource.url=jdbc:h2:file:" + db.toAbsolutePath() + "/yizhan" + H2_SETTINGS);
    }
    long startAt = System.nanoTime();
    ConfigurableApplicationContext app = SpringApplication.run(YizhanApplication.class, args.toArray(String[]::new));
    double startupSeconds = (System.nanoTime() - startAt) / 1e9;
    List<AppNode> otherNodes = new ArrayList<>();
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      // The other nodes first: each node makes the groups' grants exactly what the permission table says when it
      // starts, and would take back the benchmark's grant to start the reference.
      startOtherNodes(port, postgresUrl, extra, otherNodes);
      deployReference(engine);

      int warmup = settings.warmup();
      orderNos = new String[warmup + settings.orders() + settings.oneAtATime()];
      drive(warmup, i -> placeOrder(node(i), i, unmeasured));
      drive(warmup, i -> workOrder(node(i + 1), i, unmeasured));
      drive(warmup, i -> startReference(node(i), i, unmeasured));
      drive(warmup, i -> workReference(node(i + 1), i, unmeasured));

      // Each side in two phases, the orders coming in and then being worked, so that placing and completing are each
      // timed on their own (one phase for both would give them the same throughput and the same ratio). The sides
      // take turns in batches, so that a minute in which this shared machine runs slow falls on both of them.
      int completedBefore = completedOrders(app);
      long referenceBefore = completedReferences(engine);
      List<Phase> measured = new ArrayList<>();
      for (int from = 0; from < settings.orders(); from += settings.batch()) {
        int first = warmup + from;
        int count = Math.min(settings.batch(), settings.orders() - from);
        measured.add(Phase.time("place orders",
            () -> drive(count, i -> placeOrder(node(first + i), first + i, placeLatencies))));
        measured.add(Phase.time("work orders",
            () -> drive(count, i -> workOrder(node(first + i + 1), first + i, completeLatencies))));
        measured.add(Phase.time("start reference",
            () -> drive(count, i -> startReference(node(first + i), first + i, refStartLatencies))));
        measured.add(Phase.time("work reference",
            () -> drive(count, i -> workReference(node(first + i + 1), first + i, refCompleteLatencies))));
      }
      int completed = completedOrders(app) - completedBefore;
      int referenceDone = (int) (completedReferences(engine) - referenceBefore);
      measured.add(oneAtATime(warmup + settings.orders()));
      MealRound meals = mealRound(app, engine);
      measured.add(meals.delivering());
      Disputes disputes = disputes(app);
      measured.add(disputes.mediating());
      // For cutting a profile (JFR, async-profiler) of the same run into its measured phases.
      phases = "measured phases: " + String.join(", ", measured.stream().map(Phase::toString).toList()) + "\n";
      long incidents = engine.getRuntimeService().createIncidentQuery().count();
      String tasklist = tasklistScale(app, engine);

      System.gc();
      long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
      String text = report(startupSeconds, seconds(measured, "place orders"), seconds(measured, "work orders"),
          seconds(measured, "start reference"), seconds(measured, "work reference"), completed, referenceDone, meals,
          disputes, incidents, tasklist, heapMb);
      Files.writeString(settings.workDir().resolve("report.txt"), text);
      return new Report(completed, referenceDone, meals.started(), meals.delivered(), disputes.closed(),
          disputes.referred(), errors.get(),
          incidents, text);
    } finally {
      for (AppNode other : otherNodes) {
        other.stop();
      }
      app.close();
    }
  }

  /**
   * With {@code -Dbenchmark.nodes=2} (PostgreSQL only), a second node on the same database: the packaged jar in a JVM
   * of its own, as an operator runs a node, started once this JVM's node is ready (schema, models and demo data exist
   * then), with the same settings and the full JIT compiler like this JVM. The benchmark keeps using this JVM's engine
   * and database connection to set its scenarios up; the clients' requests go to both nodes in turn.
   */
  private void startOtherNodes(int port, String postgresUrl, String extra, List<AppNode> started) throws Exception {
    ports = new int[settings.nodes()];
    ports[0] = port;
    StringBuilder who = new StringBuilder("node 1: this JVM, port " + port);
    for (int n = 2; n <= settings.nodes(); n++) {
      List<String> args = new ArrayList<>(AppNode.onPostgres(postgresUrl, "--yizhan.models-check-interval=0"));
      if (!extra.isEmpty()) {
        args.addAll(List.of(extra.split("\\s+")));
      }
      AppNode other = AppNode.create("bench-node-" + n, settings.workDir().resolve("node-" + n), args)
          .withJvmOptions("-XX:TieredStopAtLevel=4", "-Xmx1g");
      started.add(other);
      long t0 = System.nanoTime();
      other.start().awaitReady(java.time.Duration.ofMinutes(5));
      ports[n - 1] = other.port();
      who.append(String.format(Locale.ROOT, "; node %d: the packaged jar in its own JVM, port %d, ready in %.1f s",
          n, other.port(), (System.nanoTime() - t0) / 1e9));
    }
    timedByNode = new AtomicInteger[ports.length];
    for (int n = 0; n < ports.length; n++) {
      timedByNode[n] = new AtomicInteger();
    }
    nodesText = who.toString();
  }

  /** The node that serves the i-th order, instance, dispute or session: each in turn, as a round-robin balancer. */
  private int node(int i) {
    return ports[Math.floorMod(i, ports.length)];
  }

  /** A timed request's latency, counted for the node that answered it. */
  private void timed(int port, List<Long> latencies, long nanos) {
    latencies.add(nanos);
    for (int n = 0; n < ports.length; n++) {
      if (ports[n] == port) {
        timedByNode[n].incrementAndGet();
      }
    }
  }

  /**
   * A quiet moment at the desk: one client places an order, then starts a reference instance, and again, so that no
   * request waits for another and both sides get the same minutes of this shared machine. The orders and instances
   * are then worked to the end, unmeasured, so that none is left open for the scenarios after this one.
   */
  private Phase oneAtATime(int first) throws Exception {
    int count = settings.oneAtATime();
    Phase placing = Phase.time("one at a time", () -> {
      for (int i = first; i < first + count; i++) {
        try {
          placeOrder(node(i), i, alonePlaceLatencies);
          startReference(node(i), i, aloneStartLatencies);
        } catch (RuntimeException e) {
          fail(e.toString());
        }
      }
    });
    drive(count, i -> workOrder(node(first + i + 1), first + i, unmeasured));
    drive(count, i -> workReference(node(first + i + 1), first + i, unmeasured));
    return placing;
  }

  private void placeOrder(int port, int i, List<Long> latencies) {
    StationHttp desk = StationHttp.as(port, "wang.fang", "demo");
    long t0 = System.nanoTime();
    Response placed = desk.post("/api/orders", "{\"residentId\": \"" + resident(i) + "\", \"items\": "
        + "[{\"sku\": \"RICE-5KG\", \"quantity\": 1}], \"deliveryPreference\": null, \"note\": \"bench\"}");
    timed(port, latencies, System.nanoTime() - t0);
    if (placed.status() != 201) {
      fail("place " + placed.status() + " " + placed.text());
      return;
    }
    orderNos[i] = placed.json().get("orderNo").asText();
  }

  /** Every fourth order is for R-0001, who cannot come to the station: it goes to her door. */
  private static boolean doorstep(int i) {
    return i % 4 == 0;
  }

  private static String resident(int i) {
    return doorstep(i) ? "R-0001" : "R-0002";
  }

  private void workOrder(int port, int i, List<Long> latencies) {
    String orderNo = orderNos[i];
    if (orderNo == null) {
      return; // its placing failed and was counted
    }
    complete(port, "li.qiang", orderNo, TASK_ACCEPT_ORDER, "{\"acceptDecision\": {\"value\": \"ACCEPT\"}}", latencies);
    complete(port, "hetao.market", orderNo, TASK_CONFIRM_STOCK,
        "{\"stockAvailable\": {\"value\": \"YES\"}, \"confirmedGoodsTotal\": {\"value\": 32.5}}", latencies);
    complete(port, "hetao.market", orderNo, TASK_DELIVER_TO_STATION, "{\"deliveredToStation\": {\"value\": true}}", latencies);
    complete(port, "li.qiang", orderNo, TASK_CHECK_GOODS, "{\"goodsCheck\": {\"value\": \"PASSED\"}}", latencies);
    if (doorstep(i)) {
      complete(port, "wang.fang", orderNo, TASK_DELIVER_TO_DOOR, DELIVERED_AT_THE_DOOR, latencies);
    } else {
      complete(port, "li.qiang", orderNo, TASK_HAND_OVER_AT_STATION,
          "{\"receivedBy\": {\"value\": \"Liu\"}, \"satisfaction\": {\"value\": \"4\"}}", latencies);
    }
  }

  private void startReference(int port, int i, List<Long> latencies) {
    StationHttp desk = StationHttp.as(port, "wang.fang", "demo");
    long t0 = System.nanoTime();
    Response started = desk.post("/engine-rest/process-definition/key/" + REFERENCE_KEY + "/start",
        "{\"businessKey\": \"REF-" + i + "\", \"variables\": {\"note\": {\"value\": \"bench\"}}}");
    timed(port, latencies, System.nanoTime() - t0);
    if (started.status() != 200) {
      fail("reference start " + started.status() + " " + started.text());
    }
  }

  private void workReference(int port, int i, List<Long> latencies) {
    for (String task : ORDER_TASKS) {
      complete(port, "li.qiang", "REF-" + i, task, "{\"done\": {\"value\": true}}", latencies);
    }
  }

  /** Finds the task by business key and key as the user, claims it and completes it, timing the completion. */
  private void complete(int port, String user, String businessKey, String taskKey, String variables,
      List<Long> latencies) {
    StationHttp client = StationHttp.as(port, user, "demo");
    Response found = client.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey="
        + taskKey);
    if (found.status() != 200 || found.json().size() != 1) {
      fail(user + " could not find " + taskKey + " of " + businessKey + ": " + found.text());
      return;
    }
    String id = found.json().get(0).get("id").asText();
    client.post("/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}");
    long t0 = System.nanoTime();
    Response done = client.post("/engine-rest/task/" + id + "/complete", "{\"variables\": " + variables + "}");
    timed(port, latencies, System.nanoTime() - t0);
    if (done.status() != 204) {
      fail(taskKey + " " + done.status() + " " + done.text());
    }
  }

  private static void awaitTask(int port, String user, String businessKey, String taskKey) {
    StationHttp client = StationHttp.as(port, user, "demo");
    for (int tries = 0; tries < 300; tries++) {
      if (client.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=" + taskKey)
          .json().size() > 0) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drive(int count, IntConsumer work) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < settings.clients(); c++) {
      running.add(clients.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          try {
            work.accept(i);
          } catch (RuntimeException e) {
            fail(e.toString());
          }
        }
      }));
    }
    for (Future<?> client : running) {
      client.get();
    }
    clients.shutdown();
  }

  /** A measured phase: when it began (to cut a profile of the same run) and how long it took. */
  private record Phase(String name, Instant from, double seconds) {

    interface Run {
      void run() throws Exception;
    }

    static Phase time(String name, Run run) throws Exception {
      Instant from = Instant.now();
      long t0 = System.nanoTime();
      run.run();
      return new Phase(name, from, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s from %s for %.1f s", name, from, seconds);
    }
  }

  /** A meal round as its figures: how long the one request took, and the deliveries it started and saw delivered. */
  private record MealRound(int started, int delivered, double startSeconds, Phase delivering) {}

  /** Who carries a meal offered to a group: a volunteer of the resident's grid, or any station volunteer. */
  private static final Map<String, String> MEAL_VOLUNTEER_BY_GROUP = Map.of("grid-g01-volunteers", "wang.fang",
      "grid-g02-volunteers", "zhao.min", "station-volunteers", "li.qiang");

  /**
   * The canteen's lunch: N more residents on the canteen's list (half in each grid), a station manager starts the meal
   * round with one request, which starts a doorstep delivery for everyone on the list, and the clients carry every
   * meal to the door as a volunteer the delivery is offered to.
   */
  private MealRound mealRound(ConfigurableApplicationContext app, ProcessEngine engine) throws Exception {
    enrolForMeals(app.getBean(JdbcClient.class), settings.meals());
    StationHttp manager = StationHttp.as(node(0), "sun.hao", "demo");
    long t0 = System.nanoTime();
    Response round = manager.post("/api/deliveries/rounds", "{\"kind\": \"MEAL\", \"note\": \"Benchmark lunch\"}");
    double startSeconds = (System.nanoTime() - t0) / 1e9;
    if (round.status() != 201) {
      fail("meal round " + round.status() + " " + round.text());
      return new MealRound(0, 0, startSeconds, new Phase("deliver meals", Instant.now(), 0));
    }
    List<String> deliveryNos = round.json().get("deliveries").findValuesAsText("deliveryNo");
    Phase delivering = Phase.time("deliver meals",
        () -> drive(deliveryNos.size(), i -> deliverMeal(node(i), engine, deliveryNos.get(i))));
    int delivered = app.getBean(JdbcClient.class).sql("select count(*) from delivery where kind = 'MEAL' and "
        + "status = 'DELIVERED'").query(Integer.class).single();
    return new MealRound(deliveryNos.size(), delivered, startSeconds, delivering);
  }

  private static void enrolForMeals(JdbcClient jdbc, int residents) {
    for (int i = 1; i <= residents; i++) {
      String id = String.format(Locale.ROOT, "BM-%04d", i);
      jdbc.sql("insert into resident (id, name, building_id, birth_date) values (?, ?, ?, ?)")
          .params(id, "Benchmark resident " + i, i % 2 == 0 ? "B01" : "B11", java.time.LocalDate.of(1940, 1, 1))
          .update();
      jdbc.sql("insert into canteen_enrolment (resident_id, enrolled_at) values (?, ?)")
          .params(id, java.time.LocalDateTime.now()).update();
    }
  }

  private void deliverMeal(int port, ProcessEngine engine, String deliveryNo) {
    var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(deliveryNo).singleResult();
    String group = task == null ? null : engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).filter(java.util.Objects::nonNull).findFirst()
        .orElse(null);
    String volunteer = MEAL_VOLUNTEER_BY_GROUP.get(group);
    if (volunteer == null) {
      fail("meal " + deliveryNo + " is offered to " + group + ", which the benchmark has no volunteer for");
      return;
    }
    complete(port, volunteer, deliveryNo, TASK_DELIVER_TO_DOOR, DELIVERED_AT_THE_DOOR, mealLatencies);
  }

  /**
   * The disputes of a run as figures: how many were closed after their follow-up visit, how many were referred to the
   * court or the petition office, and the phase that registered and mediated them.
   */
  private record Disputes(int closed, int referred, Phase mediating) {}

  /** A noise complaint in building B01, which the triage table starts at the building (level 1). */
  private static final String NOISE_COMPLAINT = "{\"buildingId\": \"B01\", \"type\": \"NOISE\", \"parties\": "
      + "\"Flat 301 and flat 401\", \"description\": \"Benchmark: drums at night\", \"riskFlags\": []}";
  private static final String SETTLED = "{\"levelOutcome\": {\"value\": \"SETTLED\"}, \"agreementText\": "
      + "{\"value\": \"Drums only until 8 pm\"}}";

  /**
   * Neighbours' disputes, each from registration to its end: the building head of B01 registers a noise complaint
   * over {@code POST /api/disputes}; of every five, one is settled in the building, one at the grid, one by the
   * community's mediation committee, one at the governance centre's joint session after the police station, the
   * judicial office and the people's court have given their input, and one is not settled there either and is
   * referred to the court or the petition office. The building head, who owns the case, visits the settled ones
   * again, finds them stable and the case closes. Every client works one dispute at a time, through all its steps.
   */
  private Disputes disputes(ConfigurableApplicationContext app) throws Exception {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    int closedBefore = disputesEndedAs(jdbc, "CLOSED");
    int referredBefore = disputesEndedAs(jdbc, "REFERRED");
    Phase mediating = Phase.time("mediate disputes", () -> drive(settings.disputes(), i -> mediateDispute(node(i), i)));
    return new Disputes(disputesEndedAs(jdbc, "CLOSED") - closedBefore,
        disputesEndedAs(jdbc, "REFERRED") - referredBefore, mediating);
  }

  /** The level at which the benchmark's i-th dispute is settled (1 to 4), or 5: referred after the joint session. */
  private static int settledAtLevel(int i) {
    return i % 5 + 1;
  }

  private static final String[] LEVEL_TASKS = {MediationProcess.TASK_MEDIATE_AT_LEVEL, MediationProcess.TASK_MEDIATE_AT_LEVEL,
      MediationProcess.TASK_MEDIATE_AT_LEVEL, MediationProcess.TASK_JOINT_SESSION};
  /** Who mediates at each level: the building head, the grid worker, the mediation committee, the governance centre. */
  private static final String[] LEVEL_MEDIATORS = {"liu.yang", "wu.lei", "ma.jun", "gao.feng"};
  private static final Map<String, String> PARTNERS = Map.of(MediationProcess.TASK_POLICE_STATION_INPUT, "officer.bai",
      MediationProcess.TASK_JUDICIAL_OFFICE_INPUT, "clerk.tian", MediationProcess.TASK_PEOPLES_COURT_INPUT, "judge.kong");
  private static final String NOT_SETTLED = "{\"levelOutcome\": {\"value\": \"NOT_SETTLED\"}, "
      + "\"notSettledReason\": {\"value\": \"Will not open the door\"}}";

  private void mediateDispute(int port, int i) {
    StationHttp buildingHead = StationHttp.as(port, "liu.yang", "demo");
    long t0 = System.nanoTime();
    Response registered = buildingHead.post("/api/disputes", NOISE_COMPLAINT);
    timed(port, registerLatencies, System.nanoTime() - t0);
    if (registered.status() != 201) {
      fail("dispute " + registered.status() + " " + registered.text());
      return;
    }
    String caseNo = registered.json().get("caseNo").asText();
    int settledAt = settledAtLevel(i);
    for (int level = 1; level <= Math.min(settledAt, 4); level++) {
      if (level == 4) {
        PARTNERS.forEach((task, partner) -> complete(port, partner, caseNo, task,
            "{\"partnerInput\": {\"value\": \"Heard both flats\"}}", mediationLatencies));
      }
      complete(port, LEVEL_MEDIATORS[level - 1], caseNo, LEVEL_TASKS[level - 1],
          level == settledAt ? SETTLED : NOT_SETTLED, mediationLatencies);
    }
    if (settledAt == 5) {
      complete(port, "gao.feng", caseNo, MediationProcess.TASK_REFER_CASE, "{\"referralChannel\": {\"value\": \"LITIGATION\"}, "
          + "\"referralGuidance\": {\"value\": \"Explained how to sue\"}}", mediationLatencies);
      return;
    }
    // The agreement is recorded after a save point: the follow-up visit appears once the job executor has run it.
    awaitTask(port, "liu.yang", caseNo, MediationProcess.TASK_FOLLOW_UP_VISIT);
    complete(port, "liu.yang", caseNo, MediationProcess.TASK_FOLLOW_UP_VISIT, "{\"followUpOutcome\": {\"value\": \"STABLE\"}, "
        + "\"satisfaction\": {\"value\": \"5\"}, \"followUpNote\": {\"value\": \"Quiet since\"}}", mediationLatencies);
  }

  private static int disputesEndedAs(JdbcClient jdbc, String status) {
    return jdbc.sql("select count(*) from dispute_case where status = ?").param(status).query(Integer.class).single();
  }

  /**
   * Open tasks across groups, then what Tasklist sends when a volunteer opens *本组待办 (My group's open tasks)*: one HAL list
   * request through the webapp's engine API, which answers the first page sorted by creation and the filter's count
   * (the number beside the filter) together. Timed for one volunteer alone, then for every client at once.
   */
  private String tasklistScale(ConfigurableApplicationContext app, ProcessEngine engine) throws Exception {
    long t0 = System.nanoTime();
    openTasks(app, engine);
    double fillSeconds = (System.nanoTime() - t0) / 1e9;

    // Alone, the volunteer's requests go to each node in turn (a session on each, as a balancer without sticky
    // sessions would need without shared sessions); together, each volunteer stays on one node.
    List<TasklistSession> volunteerOnNodes = new ArrayList<>();
    for (int port : ports) {
      volunteerOnNodes.add(TasklistSession.login(port, "li.qiang", "demo"));
    }
    TasklistSession volunteer = volunteerOnNodes.get(0);
    String filterId = null;
    for (var filter : volunteer.getFromEngine("/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task")
        .json()) {
      if (filter.get("name").asText().startsWith("本组待办")) {
        filterId = filter.get("id").asText();
      }
    }
    String firstPage = "/filter/" + filterId + "/list?firstResult=0&maxResults=15";
    List<Long> alone = new ArrayList<>();
    long shownCount = 0;
    for (int i = 0; i < 35; i++) {
      stationWorksOn(engine);
      long start = System.nanoTime();
      Response page = volunteerOnNodes.get(i % ports.length).postToEngine(firstPage, TASKLIST_FIRST_PAGE);
      if (i >= 5) {
        timed(ports[i % ports.length], alone, System.nanoTime() - start);
      }
      shownCount = checkedCount(page);
    }

    List<Long> together = Collections.synchronizedList(new ArrayList<>());
    String[] volunteers = {"li.qiang", "wang.fang", "zhao.min"};
    drive(settings.clients(), client -> {
      TasklistSession session = TasklistSession.login(node(client), volunteers[client % volunteers.length], "demo");
      for (int i = 0; i < 10; i++) {
        stationWorksOn(engine);
        long start = System.nanoTime();
        Response page = session.postToEngine(firstPage, TASKLIST_FIRST_PAGE);
        if (i >= 2) {
          timed(node(client), together, System.nanoTime() - start);
        }
        checkedCount(page);
      }
    });
    return String.format(Locale.ROOT, "Tasklist, %d open tasks (%.1f s to open them), li.qiang opens My group's open "
            + "tasks (first page by creation and the count, %d tasks): p50 %.1f ms, p95 %.1f ms, slowest %.1f ms; with %d "
            + "volunteers at once: p50 %.1f ms, p95 %.1f ms, slowest %.1f ms", settings.openTasks(), fillSeconds,
        shownCount, pct(alone, 50), pct(alone, 95), pct(alone, 100), settings.clients(), pct(together, 50),
        pct(together, 95), pct(together, 100));
  }

  /**
   * The station does not stand still while a volunteer looks at Tasklist: a merchants' task comes in before each
   * request. Besides being what happens, it keeps H2 from answering a request with the result it kept from the same
   * query on the same connection, which it does as long as nothing in the database has changed (H2's
   * OPTIMIZE_REUSE_RESULTS): without a write in between, all but the first request on each connection measured H2's
   * memory, 30 ms where the query itself takes 2 s with 20,000 open tasks.
   */
  private static void stationWorksOn(ProcessEngine engine) {
    engine.getRuntimeService().startProcessInstanceByKey("bench-open-task",
        Variables.createVariables().putValue("group", "merchants"));
  }

  /** Tasklist's own request body for the first page of a filter, sorted by creation, newest first. */
  private static final String TASKLIST_FIRST_PAGE = "{\"processVariables\": [], \"taskVariables\": [], "
      + "\"caseInstanceVariables\": [], \"firstResult\": 0, \"maxResults\": 15, "
      + "\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}], \"active\": true}";

  private long checkedCount(Response page) {
    if (page.status() != 200 || page.json() == null || page.json().path("_embedded").path("task").size() != 15) {
      fail("Tasklist filter page " + page.status() + " " + page.text());
      return 0;
    }
    return page.json().path("count").asLong();
  }

  /** The open tasks, a fifth in each of five groups, started in transactions of a few hundred. */
  private void openTasks(ConfigurableApplicationContext app, ProcessEngine engine) {
    String[] groups = {"station-volunteers", "merchants", "grid-workers", "mediation-committee", "building-heads"};
    BenchmarkModels.deployChain(engine, "bench-open-task", List.of("Task_Open"), "${group}");
    TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    for (int from = 0; from < settings.openTasks(); from += 500) {
      int to = Math.min(from + 500, settings.openTasks());
      int first = from;
      transaction.executeWithoutResult(status -> {
        for (int i = first; i < to; i++) {
          engine.getRuntimeService().startProcessInstanceByKey("bench-open-task",
              Variables.createVariables().putValue("group", groups[i % groups.length]));
        }
      });
    }
    if (settings.postgres()) {
      // What autovacuum's analyze does within a minute of such a burst on a production server; the local test server
      // runs with autovacuum off, and without statistics PostgreSQL plans the task queries for empty tables.
      app.getBean(JdbcClient.class).sql("analyze").update();
    }
  }

  private static double seconds(List<Phase> phases, String name) {
    return phases.stream().filter(phase -> phase.name().equals(name)).mapToDouble(Phase::seconds).sum();
  }

  private static String withLeadingSemicolon(String h2Settings) {
    return h2Settings.isEmpty() || h2Settings.startsWith(";") ? h2Settings : ";" + h2Settings;
  }

  private String report(double startup, double placing, double working, double starting, double referenceWorking,
      int completed, int referenceDone, MealRound meals, Disputes disputes, long incidents, String tasklist,
      long heapMb) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Yizhan benchmark: %d orders in batches of %d, the sides taking turns (after %d "
        + "unmeasured of each side), %d clients, %s, %d cores, JVM %s%n", settings.orders(), settings.batch(),
        settings.warmup(), settings.clients(),
        settings.postgres() ? "PostgreSQL, " + settings.nodes() + (settings.nodes() == 1 ? " node" : " nodes")
            : "H2 file (" + H2_SETTINGS.replaceFirst("^;", "") + "), 1 node",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    out.append(String.format(Locale.ROOT, "%-34s %10s %10s %10s %10s %12s %8s%n", "", "per s", "p50 ms", "p95 ms",
        "p99 ms", "reference/s", "ratio"));
    out.append(line("place order vs reference start", placeLatencies.size() / placing, placeLatencies,
        refStartLatencies.size() / starting, refStartLatencies));
    out.append(line("task completion vs reference", completeLatencies.size() / working, completeLatencies,
        refCompleteLatencies.size() / referenceWorking, refCompleteLatencies));
    out.append(String.format(Locale.ROOT, "place order, one client at a time (%d, nobody queueing): p50/p95/p99 %.1f / "
            + "%.1f / %.1f ms; reference start: %.1f / %.1f / %.1f ms%n", alonePlaceLatencies.size(),
        pct(alonePlaceLatencies, 50), pct(alonePlaceLatencies, 95), pct(alonePlaceLatencies, 99),
        pct(aloneStartLatencies, 50), pct(aloneStartLatencies, 95), pct(aloneStartLatencies, 99)));
    double orderSeconds = placing + working;
    double referenceSeconds = starting + referenceWorking;
    out.append(String.format(Locale.ROOT, "orders completed: %d of %d (%.2f per s, placing and working); reference "
        + "completed: %d of %d (%.2f per s); ratio %.2f%n", completed, settings.orders(), completed / orderSeconds,
        referenceDone, settings.orders(), referenceDone / referenceSeconds,
        referenceDone == 0 ? 0 : (completed / orderSeconds) / (referenceDone / referenceSeconds)));
    out.append(String.format(Locale.ROOT, "meal round: one request started %d doorstep deliveries in %.1f s (%.1f per "
            + "s); meals carried to the door: %d delivered, %.1f completions per s, p50/p95/p99 %.1f / %.1f / %.1f ms%n",
        meals.started(), meals.startSeconds(), meals.started() / meals.startSeconds(), meals.delivered(),
        meals.delivering().seconds() == 0 ? 0 : mealLatencies.size() / meals.delivering().seconds(),
        pct(mealLatencies, 50), pct(mealLatencies, 95), pct(mealLatencies, 99)));
    out.append(String.format(Locale.ROOT, "disputes: %d registered, p50/p95 %.1f / %.1f ms; mediated (a fifth settled "
            + "at each level: building, grid, community, joint session; a fifth referred after it): %d visited again "
            + "and closed, %d referred, %.1f completions per s, p50/p95/p99 %.1f / %.1f / %.1f ms%n",
        registerLatencies.size(), pct(registerLatencies, 50), pct(registerLatencies, 95),
        disputes.closed(), disputes.referred(), disputes.mediating().seconds() == 0 ? 0
            : mediationLatencies.size() / disputes.mediating().seconds(),
        pct(mediationLatencies, 50), pct(mediationLatencies, 95), pct(mediationLatencies, 99)));
    out.append(String.format(Locale.ROOT, "errors: %d%s; incidents: %d%n", errors.get(),
        firstErrors.isEmpty() ? "" : " (first: " + firstErrors.get(0) + ")", incidents));
    out.append(tasklist).append('\n');
    out.append(nodesText);
    for (int n = 0; n < ports.length; n++) {
      out.append(n == 0 ? "; timed requests answered by node " : ", by node ").append(n + 1).append(": ")
          .append(timedByNode[n].get());
    }
    out.append('\n');
    out.append(phases);
    out.append(String.format(Locale.ROOT, "startup to ready: %.1f s; heap used after the run: %d MB (max %d MB)%n",
        startup, heapMb, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024)));
    return out.toString();
  }

  private static String line(String name, double tput, List<Long> latencies, double refTput, List<Long> refLatencies) {
    return String.format(Locale.ROOT, "%-34s %10.1f %10.1f %10.1f %10.1f %12.1f %8.2f%n  (reference p50/p95/p99 ms: "
            + "%.1f / %.1f / %.1f)%n", name, tput, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), refTput,
        refTput == 0 ? 0 : tput / refTput, pct(refLatencies, 50), pct(refLatencies, 95), pct(refLatencies, 99));
  }

  private static double pct(List<Long> nanos, int percentile) {
    if (nanos.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }

  private void fail(String message) {
    errors.incrementAndGet();
    if (firstErrors.size() < 5) {
      firstErrors.add(message.length() > 300 ? message.substring(0, 300) : message);
    }
  }

  private static void deployReference(ProcessEngine engine) {
    BenchmarkModels.deployChain(engine, REFERENCE_KEY, ORDER_TASKS, "station-volunteers");
    var authorizations = engine.getAuthorizationService();
    var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("station-volunteers");
    grant.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
    grant.setResourceId(REFERENCE_KEY);
    grant.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(grant);
  }

  private static int completedOrders(ConfigurableApplicationContext app) {
    return app.getBean(JdbcClient.class)
        .sql("select count(*) from station_order where status = 'COMPLETED'").query(Integer.class).single();
  }

  private static long completedReferences(ProcessEngine engine) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(REFERENCE_KEY)
        .finished().count();
  }

  public static void main(String[] args) throws Exception {
    System.out.println(new StationBenchmark(Settings.fromSystemProperties()).run().text());
  }
}
