package org.yizhan.support.cluster;

import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * Desk clients at work against one or more nodes: each places an order with an {@code Idempotency-Key}, and every
 * second order is accepted at once by a volunteer (the others wait for their accept timer). What the station
 * acknowledged is recorded: the orders answered 201 and the tasks answered 204. A request that got no answer (its node
 * died) is remembered by its key, to be retried on a node that is up, as a client behind a load balancer would.
 */
public final class StationTraffic implements AutoCloseable {

  /** An order the station answered 201: the client's key, the request's number (see {@link #orderBody}),
   * the order's number and the node that answered. */
  public record Placed(String key, int request, String orderNo, String node) {}

  private final List<AppNode> nodes;
  private final ExecutorService clients;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, Placed> placed = new ConcurrentHashMap<>();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

  private StationTraffic(List<AppNode> nodes, int clientCount) {
    this.nodes = nodes;
    this.clients = Executors.newFixedThreadPool(clientCount);
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      clients.submit(() -> work(client));
    }
  }

  /** Starts the clients; client c talks to node c modulo the number of nodes. */
  public static StationTraffic start(List<AppNode> nodes, int clients) {
    return new StationTraffic(nodes, clients);
  }

  private void work(int client) {
    AppNode node = nodes.get(client % nodes.size());
    while (running.get()) {
      if (!node.isAlive()) {
        return; // a client of a dead node stops; its unanswered requests are retried after the crash
      }
      int i = counter.incrementAndGet();
      String key = "crash-" + UUID.randomUUID();
      Response answer;
      try {
        answer = desk(node).post("/api/orders", orderBody(i), "Idempotency-Key", key);
      } catch (RuntimeException noAnswer) {
        unanswered.add(key + " " + i);
        continue;
      }
      if (answer.status() != 201) {
        refusals.add("place " + answer.status() + " " + answer.text());
        continue;
      }
      String orderNo = answer.json().get("orderNo").asText();
      placed.put(key, new Placed(key, i, orderNo, node.name()));
      if (i % 2 == 0) {
        accept(node, orderNo);
      }
    }
  }

  private void accept(AppNode node, String orderNo) {
    StationHttp volunteer = StationHttp.as(node.port(), "li.qiang", "demo");
    try {
      Response found = volunteer.get("/engine-rest/task?processInstanceBusinessKey=" + orderNo
          + "&taskDefinitionKey=" + TASK_ACCEPT_ORDER);
      if (found.status() != 200 || found.json().size() != 1) {
        refusals.add("find accept task of " + orderNo + ": " + found.status() + " " + found.text());
        return;
      }
      String taskId = found.json().get(0).get("id").asText();
      Response claimed = volunteer.post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"li.qiang\"}");
      if (claimed.status() != 204) {
        refusals.add("claim " + orderNo + ": " + claimed.status() + " " + claimed.text());
        return;
      }
      Response done = volunteer.post("/engine-rest/task/" + taskId + "/complete",
          "{\"variables\": {\"acceptDecision\": {\"value\": \"ACCEPT\"}}}");
      if (done.status() == 204) {
        accepted.add(orderNo);
      } else {
        refusals.add("complete " + orderNo + ": " + done.status() + " " + done.text());
      }
    } catch (RuntimeException noAnswer) {
      // the node died while the volunteer waited: not acknowledged, so nothing is promised
    }
  }

  /** The body of order number i: every fourth for the resident whose goods go to her door. */
  public static String orderBody(int i) {
    return "{\"residentId\": \"" + (i % 4 == 0 ? "R-0001" : "R-0002") + "\", \"items\": [{\"sku\": \"RICE-5KG\", "
        + "\"quantity\": 1}], \"deliveryPreference\": null, \"note\": \"traffic " + i + "\"}";
  }

  public static StationHttp desk(AppNode node) {
    return StationHttp.as(node.port(), "wang.fang", "demo");
  }

  /** Stops the clients and waits for the requests in flight to end. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    clients.awaitTermination(60, TimeUnit.SECONDS);
  }

  public Map<String, Placed> placed() {
    return placed;
  }

  /** Orders whose acceptance the station answered 204. */
  public Set<String> accepted() {
    return accepted;
  }

  /** "key i" of order requests that got no answer. */
  public Set<String> unanswered() {
    return unanswered;
  }

  public List<String> refusals() {
    return refusals;
  }
}
