package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.yizhan.StationTest;
import org.yizhan.support.RawHttp;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** POST /api/orders with an Idempotency-Key header, over HTTP with the demo users' real credentials. */
@StationTest
class OrderIdempotencyIT {

  private static final String ORDER = """
      {"residentId": "R-0002", "items": [{"sku": "RICE-5KG", "quantity": 1}, {"sku": "SVC-PARCEL", "quantity": 2}],
       "deliveryPreference": "PICKUP", "note": "Idempotency test"}""";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired PlatformTransactionManager transactions;

  @Autowired OrderService orders;

  /** The orders placed here are cancelled, so that their open tasks do not crowd the later tests' task lists. */
  @AfterEach
  void cancelTheOrdersPlacedHere() {
    for (String orderNo : jdbc.sql("select order_no from station_order where note = 'Idempotency test'")
        .query(String.class).list()) {
      if (!orders.find(orderNo).status().isClosed()) {
        orders.cancel(orderNo, "Idempotency test done", "wang.fang");
      }
    }
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }

  private static String newKey() {
    return "order-" + UUID.randomUUID();
  }

  @Test
  void withoutAKeyEveryRequestPlacesItsOwnOrderAsBefore() {
    Response first = as("wang.fang").post("/api/orders", ORDER);
    Response second = as("wang.fang").post("/api/orders", ORDER);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("orderNo").asText()).isNotEqualTo(first.json().get("orderNo").asText());
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(second.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void aRetryWithTheSameKeyAndOrderAnswersWithTheFirstOrderWithoutPlacingAnother() {
    String key = newKey();
    Snapshot before = snapshot();

    Response first = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    // The same order, spelled differently: other spacing and field order.
    Response retry = as("wang.fang").post("/api/orders", """
        {"note":"Idempotency test","deliveryPreference":"PICKUP","items":[{"quantity":1,"sku":"RICE-5KG"},
        {"quantity":2,"sku":"SVC-PARCEL"}],"residentId":"R-0002"}""", "Idempotency-Key", key);
    Response again = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    for (Response replay : List.of(retry, again)) {
      assertThat(replay.status()).isEqualTo(201);
      assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
      assertThat(replay.json()).isEqualTo(first.json());
    }
    assertThat(snapshot()).isEqualTo(before.plus(1));
    String orderNo = first.json().get("orderNo").asText();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderNo).count()).isEqualTo(1);
    assertThat(jdbc.sql("select order_no from order_idempotency_key where caller = 'wang.fang' and idem_key = ?")
        .param(key).query(String.class).single()).isEqualTo(orderNo);
  }

  @Test
  void theSameKeyWithADifferentOrderIsRefusedAndChangesNothing() {
    String key = newKey();
    Response first = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    Snapshot before = snapshot();

    List<String> differentOrders = List.of(
        ORDER.replace("\"quantity\": 1", "\"quantity\": 2"),
        ORDER.replace("SVC-PARCEL", "SVC-HAIRCUT"),
        ORDER.replace("R-0002", "R-0001"),
        ORDER.replace("PICKUP", "DOORSTEP"),
        ORDER.replace("Idempotency test", "Idempotency test 2"),
        ORDER.replace(", \"note\": \"Idempotency test\"", ""),
        """
        {"residentId": "R-0002", "items": [{"sku": "SVC-PARCEL", "quantity": 2}, {"sku": "RICE-5KG", "quantity": 1}],
         "deliveryPreference": "PICKUP", "note": "Idempotency test"}""");
    for (String different : differentOrders) {
      Response refused = as("wang.fang").post("/api/orders", different, "Idempotency-Key", key);

      assertThat(refused.status()).as(different).isEqualTo(422);
      assertThat(refused.json().get("error").asText())
          .startsWith("这个 Idempotency-Key 已用于另一笔不同的订单")
          .contains(first.json().get("orderNo").asText(), "Use a new key for a new order");
      assertThat(refused.json().get("field").asText()).isEqualTo("Idempotency-Key");
      assertThat(refused.header("Idempotent-Replayed")).isNull();
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void keysBelongToTheUserWhoSentThemSoAnotherUsersSameKeyPlacesTheirOwnOrder() {
    String key = newKey();
    Response wangs = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    Response lis = as("li.qiang").post("/api/orders", ORDER, "Idempotency-Key", key);
    Response lisOther = as("li.qiang").post("/api/orders", ORDER, "Idempotency-Key", newKey());
    Response wangsRetry = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    Response lisRetry = as("li.qiang").post("/api/orders", ORDER, "Idempotency-Key", key);

    assertThat(List.of(wangs.status(), lis.status(), lisOther.status())).containsOnly(201);
    assertThat(lis.header("Idempotent-Replayed")).isNull();
    String wangsNo = wangs.json().get("orderNo").asText();
    String lisNo = lis.json().get("orderNo").asText();
    assertThat(lisNo).isNotEqualTo(wangsNo);
    assertThat(as("li.qiang").get("/api/orders/" + lisNo).json().get("placedBy").asText()).isEqualTo("li.qiang");
    assertThat(wangsRetry.json().get("orderNo").asText()).isEqualTo(wangsNo);
    assertThat(lisRetry.json().get("orderNo").asText()).isEqualTo(lisNo);
    assertThat(List.of(wangsRetry.header("Idempotent-Replayed"), lisRetry.header("Idempotent-Replayed")))
        .containsOnly("true");
  }

  @Test
  void aUserWhoMayNotPlaceOrdersIsRefusedWhateverTheKeyAndNothingIsStored() {
    Snapshot before = snapshot();

    Response withKey = as("hetao.market").post("/api/orders", ORDER, "Idempotency-Key", newKey());
    Response withBadKey = as("hetao.market").post("/api/orders", ORDER, "Idempotency-Key", "k".repeat(101));

    assertThat(withKey.status()).isEqualTo(403);
    assertThat(withBadKey.status()).isEqualTo(403);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aRefusedOrderTakesNoKeySoTheCorrectedOrderCanUseIt() {
    String key = newKey();
    Response refused = as("wang.fang").post("/api/orders", ORDER.replace("R-0002", "R-9999"), "Idempotency-Key", key);
    Response corrected = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("residentId");
    assertThat(corrected.status()).isEqualTo(201);
    assertThat(corrected.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void aKeyPastItsRetentionIsForgottenAndPlacesANewOrder() {
    String key = newKey();
    Response first = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    jdbc.sql("update order_idempotency_key set created_at = created_at - interval '8' day where idem_key = ?")
        .param(key).update();

    Response later = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);

    assertThat(later.status()).isEqualTo(201);
    assertThat(later.header("Idempotent-Replayed")).isNull();
    assertThat(later.json().get("orderNo").asText()).isNotEqualTo(first.json().get("orderNo").asText());
  }

  /** Header lines as they go over the wire, so that any byte can be sent. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "empty value",
      "101 characters",
      "Chinese characters (UTF-8)",
      "Latin-1 letter",
      "tab inside",
      "control character",
      "DEL character",
      "two Idempotency-Key headers"})
  void aMalformedKeyIsRefusedWithAMessageAndPlacesNothing(String kind) {
    List<String> keyLines = switch (kind) {
      case "empty value" -> List.of("Idempotency-Key: ");
      case "101 characters" -> List.of("Idempotency-Key: " + "k".repeat(101));
      case "Chinese characters (UTF-8)" -> List.of(latin1("Idempotency-Key: 订单-1"));
      case "Latin-1 letter" -> List.of("Idempotency-Key: caf\u00e9-1");
      case "tab inside" -> List.of("Idempotency-Key: a\tb");
      case "control character" -> List.of("Idempotency-Key: a\u0001b");
      case "DEL character" -> List.of("Idempotency-Key: a\u007fb");
      case "two Idempotency-Key headers" -> List.of("Idempotency-Key: one", "Idempotency-Key: two");
      default -> throw new IllegalArgumentException(kind);
    };
    List<String> headers = new ArrayList<>(keyLines);
    headers.add("Authorization: Basic " + java.util.Base64.getEncoder()
        .encodeToString("wang.fang:demo".getBytes(StandardCharsets.UTF_8)));
    headers.add("Content-Type: application/json");
    Snapshot before = snapshot();

    RawHttp.Response refused = RawHttp.send(port, "POST", "/api/orders", headers,
        ORDER.getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(snapshot()).isEqualTo(before);
    if (kind.equals("control character") || kind.equals("DEL character")) {
      // Tomcat refuses a header value with control characters itself, before the app sees the request.
      return;
    }
    assertThat(refused.json()).as("answered by the API, not by the container: " + refused.text()).isNotNull();
    assertThat(refused.json().get("field").asText()).isEqualTo("Idempotency-Key");
    String error = refused.json().get("error").asText();
    assertThat(error.substring(0, error.indexOf(" ("))).as("Chinese first").containsPattern("\\p{IsHan}");
    assertThat(error.substring(error.indexOf(" ("))).as("English in brackets").contains("Idempotency-Key").endsWith(")");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aKeyOfOneHundredPrintableCharactersIsAccepted() {
    String key = ("~!#$%&'*+-.^_`|0123456789 AZaz" + UUID.randomUUID()).repeat(2).substring(0, 100);

    Response placed = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
    Response retry = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);

    assertThat(placed.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("orderNo")).isEqualTo(placed.json().get("orderNo"));
  }

  @Test
  void identicalRequestsWithTheSameKeyAtTheSameTimePlaceExactlyOneOrder() throws Exception {
    String key = newKey();
    int threads = 8;
    Snapshot before = snapshot();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
        }));
      }
      start.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> answer : answers) {
        responses.add(answer.get(120, TimeUnit.SECONDS));
      }

      System.out.println("Concurrent answers (status, replayed): " + responses.stream()
          .map(r -> r.status() + (r.header("Idempotent-Replayed") == null ? "" : " replayed")).toList());
      assertThat(snapshot()).isEqualTo(before.plus(1));
      List<Response> placed = responses.stream().filter(r -> r.status() == 201).toList();
      assertThat(placed).as("at least the winner answers with the order").isNotEmpty();
      assertThat(placed.stream().map(r -> r.json().get("orderNo").asText()).distinct()).hasSize(1);
      assertThat(placed.stream().filter(r -> r.header("Idempotent-Replayed") == null)).as("one request placed it")
          .hasSize(1);
      // A request that came while the first was still being placed may be told to retry; nothing else.
      assertThat(responses).allSatisfy(r -> {
        if (r.status() != 201) {
          assertThat(r.status()).as(r.text()).isEqualTo(409);
          assertThat(r.json().get("error").asText()).startsWith("使用同一 Idempotency-Key 的订单正在处理中")
              .contains("retry in a moment with the same key");
        }
      });
      Response retry = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
      assertThat(retry.status()).isEqualTo(201);
      assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(retry.json().get("orderNo")).isEqualTo(placed.get(0).json().get("orderNo"));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A request whose key another request holds, in a transaction not yet committed (here the test's own, as if a first
   * placement were still running): it waits for that transaction, and when the wait runs out (H2's lock timeout,
   * 5 s on PostgreSQL) it is told to retry (409); a database that waited longer would answer once the holder ended.
   * Either way no second order and no 500, and once the holder has rolled back, the key is free for the order.
   */
  @Test
  void aRequestWhoseKeyIsStillBeingPlacedIsToldToRetryOrWaitsAndNeverFails() throws Exception {
    String key = newKey();
    Snapshot before = snapshot();
    TransactionStatus holder = transactions.getTransaction(new DefaultTransactionDefinition());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      jdbc.sql("insert into order_idempotency_key (caller, idem_key, fingerprint, created_at) "
          + "values ('wang.fang', ?, 'held', current_timestamp)").param(key).update();
      Future<Response> waiting = pool.submit(() -> as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key));
      Response answer;
      try {
        answer = waiting.get(8, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillWaiting) {
        answer = null;
      }
      transactions.rollback(holder);
      holder = null;
      if (answer != null) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(409);
        assertThat(answer.json().get("error").asText()).startsWith("使用同一 Idempotency-Key 的订单正在处理中")
            .endsWith("retry in a moment with the same key to get its answer)");
        assertThat(snapshot()).isEqualTo(before);
        answer = as("wang.fang").post("/api/orders", ORDER, "Idempotency-Key", key);
      } else {
        answer = waiting.get(60, TimeUnit.SECONDS);
      }
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      assertThat(answer.header("Idempotent-Replayed")).isNull();
      assertThat(snapshot()).isEqualTo(before.plus(1));
    } finally {
      if (holder != null) {
        transactions.rollback(holder);
      }
      pool.shutdownNow();
    }
  }

  private static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private record Snapshot(long orders, long instances, long keys) {
    Snapshot plus(int placed) {
      return new Snapshot(orders + placed, instances + placed, keys + placed);
    }
  }

  private Snapshot snapshot() {
    return new Snapshot(count("station_order"), count("act_hi_procinst where proc_def_key_ = 'station-order'"),
        count("order_idempotency_key"));
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
