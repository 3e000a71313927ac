package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.yizhan.delivery.DeliveryProcess.EVENT_DELIVERED;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DoorstepDeliveryMocks.AT_RISK;
import static org.yizhan.delivery.DoorstepDeliveryMocks.ORDINARY;
import static org.yizhan.order.OrderProcess.CALL_ACTIVITY_DOORSTEP_DELIVERY;
import static org.yizhan.order.OrderProcess.EVENT_CANCELLATION_REQUESTED;
import static org.yizhan.order.OrderProcess.EVENT_CANCELLED_OUT_OF_STOCK;
import static org.yizhan.order.OrderProcess.EVENT_CANCELLED_PRICE_REFUSED;
import static org.yizhan.order.OrderProcess.EVENT_CHASE_DONE;
import static org.yizhan.order.OrderProcess.EVENT_COLLECTED;
import static org.yizhan.order.OrderProcess.EVENT_MERCHANT_OUT_OF_STOCK;
import static org.yizhan.order.OrderProcess.EVENT_MERCHANT_PART_DONE;
import static org.yizhan.order.OrderProcess.EVENT_MERCHANT_PRICE_REFUSED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_CANCELLED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_COMPLETED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_NOT_DELIVERED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_REJECTED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_TAKEN;
import static org.yizhan.order.OrderProcess.EVENT_OUT_OF_STOCK_CANCELS_ORDER;
import static org.yizhan.order.OrderProcess.EVENT_PRICE_REFUSAL_CANCELS_ORDER;
import static org.yizhan.order.OrderProcess.EVENT_REMINDER_DONE;
import static org.yizhan.order.OrderProcess.FLOW_ACCEPTED;
import static org.yizhan.order.OrderProcess.FLOW_DOORSTEP_DONE;
import static org.yizhan.order.OrderProcess.FLOW_GOODS_CHECK_FAILED;
import static org.yizhan.order.OrderProcess.FLOW_GOODS_CHECK_PASSED;
import static org.yizhan.order.OrderProcess.FLOW_IN_STOCK;
import static org.yizhan.order.OrderProcess.GATEWAY_DELIVERY_MODE;
import static org.yizhan.order.OrderProcess.GATEWAY_DOORSTEP_RESULT;
import static org.yizhan.order.OrderProcess.GATEWAY_MERGE_PRICE;
import static org.yizhan.order.OrderProcess.GATEWAY_SPLIT_ORDER_KIND;
import static org.yizhan.order.OrderProcess.SUB_PROCESS_MERCHANT_PARTS;
import static org.yizhan.order.OrderProcess.SUB_PROCESS_PICK_UP;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_ASK_RESIDENT_ABOUT_PRICE;
import static org.yizhan.order.OrderProcess.TASK_CHASE_UNACCEPTED_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;
import static org.yizhan.order.OrderProcess.TASK_REMIND_RESIDENT;
import static org.yizhan.order.OrderProcess.TASK_SCHEDULE_SERVICE;
import static org.yizhan.order.OrderProcess.TIMER_ACCEPT_OVERDUE;
import static org.yizhan.order.OrderProcess.TIMER_PICKUP_REMINDER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.delivery.DoorstepDeliveryMocks;
import org.yizhan.support.ProcessTestEngine;
import org.yizhan.support.ProcessTestEngine.Call;

/**
 * Every path of processes/station-order.bpmn on an engine of its own with mocked steps: every outgoing flow of every
 * gateway, every boundary event (the two timers, the two errors), the cancellation message and every end event,
 * with the real hand-over decision (delivery-mode.dmn) and the real doorstep-delivery.bpmn behind the call activity.
 * The mocks set the variables the real steps set for the model (RegisterOrderDelegate, OrderStepListeners,
 * MerchantParts) and keep no records; what the real steps record is StationOrderProcessTest's, and for each
 * merchant's part (its goods, answers, price rises and checks in the order's records) MerchantPartsProcessTest's.
 */
class StationOrderPathsTest {

  @RegisterExtension
  static final ProcessTestEngine engine = ProcessTestEngine.deploying("station-order.bpmn", "doorstep-delivery.bpmn",
      "decisions/delivery-mode.dmn", "decisions/welfare-risk.dmn", "decisions/volunteer-points.dmn");

  private static final String RICE = "[{\"sku\":\"RICE-5KG\",\"quantity\":2}]";
  private static final String HAIRCUT = "[{\"sku\":\"SVC-HAIRCUT\",\"quantity\":1}]";
  private static final String RICE_AND_HAIRCUT =
      "[{\"sku\":\"RICE-5KG\",\"quantity\":2},{\"sku\":\"SVC-HAIRCUT\",\"quantity\":1}]";
  private static final String RICE_AND_OIL = "[{\"sku\":\"RICE-5KG\",\"quantity\":2},{\"sku\":\"OIL-5L\",\"quantity\":1}]";

  private static final String HETAO = "hetao-market";
  private static final String WUDA = "wuda-grain";
  /** The goods' merchants, as the catalog has them; services have none to ask. */
  private static final Map<String, String> MERCHANT_OF_SKU = Map.of("RICE-5KG", HETAO, "OIL-5L", WUDA);
  private static final Map<String, String> MERCHANT_NAMES = Map.of(HETAO, "河套超市 (Hetao Market)",
      WUDA, "武大粮油 (Wuda Grain & Oil)");
  /** What each merchant's lines of the orders above cost at the frozen prices. */
  private static final Map<String, Double> FROZEN_TOTALS = Map.of(HETAO, 65.0, WUDA, 40.0);
  /** The registry's answers for the hand-over decision, as registering hands them over (transient). */
  private static final Map<String, Map<String, Object>> DECISION_INPUTS = Map.of(
      ORDINARY, Map.of("mobilityLimited", false, "disabled", false, "livingAlone", false, "residentAge", 45),
      AT_RISK, Map.of("mobilityLimited", true, "disabled", false, "livingAlone", true, "residentAge", 87));

  private static final String VOLUNTEERS = "station-volunteers";
  private static final String MANAGERS = "station-managers";
  private static final String PLACED_BY = "wang.fang";

  private static int orderNumbers;

  private final Map<String, List<String>> merchantsOfOrder = new HashMap<>();
  /** What the station's settings say for the timers; registering hands them to the process. */
  private String acceptTimeout = "PT2H";
  private String pickupReminderAfter = "P3D";

  private JavaDelegate registerOrder;
  private ExecutionListener recordDeliveryMode;
  private ExecutionListener askMerchants;
  private ExecutionListener prepareMerchantPart;
  private TaskListener recordMerchantAnswer;
  private TaskListener showNewPrice;
  private ExecutionListener recordAgreedPrice;
  private TaskListener recordMerchantDelivery;
  private TaskListener recordHandOver;
  private ExecutionListener recordDoorstepResult;
  private DoorstepDeliveryMocks delivery;

  @BeforeEach
  void mockTheSteps() {
    registerOrder = engine.delegate("registerOrder", this::register);
    recordDeliveryMode = engine.executionListener("recordDeliveryMode", execution -> execution.setVariable(
        OrderProcess.HAND_OVER_TEXT, DeliveryMode.valueOf((String) execution.getVariable("deliveryMode")).label()));
    engine.taskListener("showOrder");
    engine.executionListener(OrderProgressProperties.LISTENER);
    askMerchants = engine.executionListener("askMerchants", execution -> execution.setVariable(
        OrderProcess.MERCHANT_IDS,
        Variables.objectValue(merchantsOfOrder.get(execution.getProcessBusinessKey()), true).create()));
    prepareMerchantPart = engine.executionListener("prepareMerchantPart", StationOrderPathsTest::prepareMerchantPart);
    engine.taskListener("showSupply");
    recordMerchantAnswer = engine.taskListener("recordMerchantAnswer");
    showNewPrice = engine.taskListener("showNewPrice");
    recordAgreedPrice = engine.executionListener("recordAgreedPrice");
    recordMerchantDelivery = engine.taskListener("recordMerchantDelivery");
    recordHandOver = engine.taskListener("recordHandOver");
    recordDoorstepResult = engine.executionListener("recordDoorstepResult");
    delivery = DoorstepDeliveryMocks.on(engine);
  }

  // ---- Taking the order: Gateway_OrderAccepted, Timer_AcceptOverdue

  @Test
  void ordinaryResidentsGoodsAreCheckedAndCollectedAtTheStation() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE, "");

    assertThat(order).hasBusinessKey(orderNo(order)).isWaitingAt(TASK_ACCEPT_ORDER).variables()
        .containsEntry("deliveryMode", "PICKUP")
        .containsEntry(OrderProcess.HAND_OVER_TEXT, "到站自取 (Collected at the station)")
        .doesNotContainKeys(OrderProcess.ITEMS, "mobilityLimited", "residentAge");
    assertThat(task(TASK_ACCEPT_ORDER, order)).hasCandidateGroup(VOLUNTEERS);
    accept(order);
    assertThat(jobQuery().processInstanceId(order.getId()).activityId(TIMER_ACCEPT_OVERDUE).count())
        .as("accepted in time: no alert").isZero();
    assertThat(merchantTask(TASK_CONFIRM_STOCK, order, HETAO)).as("the merchant's own group").isNotNull();
    confirmStock(order, HETAO, 65.0);
    assertThat(order).isWaitingAt(TASK_DELIVER_TO_STATION);
    assertThat(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO)).isNotNull();
    deliverAndPassCheck(order, HETAO);
    assertThat(task(TASK_HAND_OVER_AT_STATION, order)).hasCandidateGroup(VOLUNTEERS);
    handOver(order);

    assertThat(order).isEnded().hasPassed(EVENT_MERCHANT_PART_DONE, EVENT_COLLECTED, EVENT_ORDER_COMPLETED)
        .hasNotPassed(TASK_ASK_RESIDENT_ABOUT_PRICE, TASK_SCHEDULE_SERVICE, CALL_ACTIVITY_DOORSTEP_DELIVERY);
    verify(registerOrder).execute(any());
    assertThat(engine.calls("registerOrder")).singleElement().satisfies(call -> {
      assertThat(call.variables()).as("what the start form or the API sent")
          .containsEntry(OrderProcess.RESIDENT_ID, ORDINARY).containsEntry(OrderProcess.ITEMS, RICE)
          .containsEntry(OrderProcess.PLACED_BY, PLACED_BY);
      assertThat(call.businessKey()).as("the station gives the number").isNull();
    });
    assertThat(engine.calls("recordDeliveryMode")).singleElement()
        .satisfies(call -> assertThat(call.variables()).containsEntry("deliveryMode", "PICKUP"));
    assertThat(engine.calls("recordMerchantAnswer")).singleElement().satisfies(call -> {
      assertThat(call.businessKey()).isEqualTo(orderNo(order));
      assertThat(call.variables()).containsEntry(OrderProcess.MERCHANT_ID, HETAO).containsEntry("stockAvailable", "YES")
          .containsEntry("confirmedGoodsTotal", 65.0);
    });
    verify(recordMerchantDelivery).notify(any(DelegateTask.class));
    assertThat(engine.calls("recordHandOver")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry(OrderProcess.RECEIVED_BY, "Zhang (张)").containsEntry(OrderProcess.SATISFACTION, "4"));
    assertThat(elementsOf("showOrder")).containsExactly(TASK_ACCEPT_ORDER, TASK_HAND_OVER_AT_STATION);
    assertThat(elementsOf("showSupply")).containsExactly(TASK_CONFIRM_STOCK, TASK_DELIVER_TO_STATION);
    assertThat(progress()).as("the steps the model's extension properties record, in order").containsExactly(
        onTake(FLOW_ACCEPTED), onStart(TASK_CONFIRM_STOCK), onTake(FLOW_IN_STOCK), onEnd(TASK_DELIVER_TO_STATION),
        onTake(FLOW_GOODS_CHECK_PASSED), onStart(GATEWAY_DELIVERY_MODE), onEnd(TASK_HAND_OVER_AT_STATION),
        onStart(EVENT_ORDER_COMPLETED));
  }

  @Test
  void declinedOrderEndsRejectedWithTheReason() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE, "");

    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "DECLINE",
        "declineReason", "OUTSIDE_SERVICE_AREA", "declineNote", "Lives across the river (河对岸)"));

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_TAKEN, EVENT_ORDER_REJECTED)
        .hasNotPassed(GATEWAY_SPLIT_ORDER_KIND);
    verify(askMerchants, never()).notify(any(DelegateExecution.class));
    assertThat(engine.calls(OrderProgressProperties.LISTENER)).singleElement().satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_ORDER_REJECTED);
      assertThat(call.variables()).as("order.reason of the end event")
          .containsEntry("declineReason", "OUTSIDE_SERVICE_AREA")
          .containsEntry("declineNote", "Lives across the river (河对岸)");
    });
  }

  @Test
  void unacceptedOrderAlertsTheStationManagersWhenTheAcceptanceTimeRunsOut() throws Exception {
    acceptTimeout = "PT30M";
    ProcessInstance order = place(ORDINARY, RICE, "");
    assertThat(job(TIMER_ACCEPT_OVERDUE, order).getDuedate()).as("the duration registering set")
        .isEqualTo(after(Duration.ofMinutes(30)));
    assertThat(task(TASK_ACCEPT_ORDER, order).getDueDate()).isEqualTo(after(Duration.ofMinutes(30)));

    execute(job(TIMER_ACCEPT_OVERDUE, order));

    assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER, TASK_CHASE_UNACCEPTED_ORDER);
    assertThat(task(TASK_CHASE_UNACCEPTED_ORDER, order)).hasCandidateGroup(MANAGERS);
    complete(task(TASK_CHASE_UNACCEPTED_ORDER, order), withVariables("chaseNote", "Called Wang Fang (已电话)"));
    assertThat(order).hasPassed(EVENT_CHASE_DONE).isWaitingAt(TASK_ACCEPT_ORDER);
    accept(order);
    assertThat(order).hasPassed(EVENT_ORDER_TAKEN).isWaitingAt(TASK_CONFIRM_STOCK);
    assertThat(progress()).startsWith(onStart(TASK_CHASE_UNACCEPTED_ORDER), onTake(FLOW_ACCEPTED));
    assertThat(elementsOf("showOrder")).containsExactly(TASK_ACCEPT_ORDER, TASK_CHASE_UNACCEPTED_ORDER);
  }

  @Test
  void acceptingWhileTheManagersAreChasingEndsTheChase() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE, "");
    assertThat(job(TIMER_ACCEPT_OVERDUE, order).getDuedate()).isEqualTo(after(Duration.ofHours(2)));
    execute(job(TIMER_ACCEPT_OVERDUE, order));

    accept(order);

    assertThat(order).isNotWaitingAt(TASK_CHASE_UNACCEPTED_ORDER).isWaitingAt(TASK_CONFIRM_STOCK)
        .hasNotPassed(EVENT_CHASE_DONE);
  }

  // ---- Goods, services or both: Gateway_SplitOrderKind, Gateway_DeliveryMode, Timer_PickupReminder

  @Test
  void servicesOnlyOrderSkipsTheMerchantsAndIsScheduled() throws Exception {
    ProcessInstance order = place(ORDINARY, HAIRCUT, "PICKUP");
    accept(order);

    assertThat(order).isWaitingAt(TASK_SCHEDULE_SERVICE).isNotWaitingAt(TASK_CONFIRM_STOCK);
    assertThat(task(TASK_SCHEDULE_SERVICE, order)).hasCandidateGroup(VOLUNTEERS);
    scheduleService(order);
    handOver(order);

    assertThat(order).isEnded().hasPassed(TASK_SCHEDULE_SERVICE, EVENT_ORDER_COMPLETED)
        .hasNotPassed(SUB_PROCESS_MERCHANT_PARTS);
    verify(askMerchants, never()).notify(any(DelegateExecution.class));
    verify(prepareMerchantPart, never()).notify(any(DelegateExecution.class));
  }

  @Test
  void uncollectedOrderRemindsTheResidentWhenThePickupTimeRunsOutAndEndsWithTheHandOver() throws Exception {
    pickupReminderAfter = "P2D";
    ProcessInstance order = place(ORDINARY, HAIRCUT, "PICKUP");
    accept(order);
    scheduleService(order);
    assertThat(job(TIMER_PICKUP_REMINDER, order).getDuedate()).isEqualTo(after(Duration.ofDays(2)));

    execute(job(TIMER_PICKUP_REMINDER, order));

    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION, TASK_REMIND_RESIDENT);
    assertThat(task(TASK_REMIND_RESIDENT, order)).hasCandidateGroup(VOLUNTEERS);
    complete(task(TASK_REMIND_RESIDENT, order), withVariables("reminderOutcome", "REMINDED"));
    assertThat(order).hasPassed(EVENT_REMINDER_DONE).isWaitingAt(TASK_HAND_OVER_AT_STATION);
    handOver(order);
    assertThat(order).isEnded().hasPassed(EVENT_COLLECTED, EVENT_ORDER_COMPLETED);
    assertThat(progress()).contains(onStart(TASK_REMIND_RESIDENT), onStart(EVENT_ORDER_COMPLETED));
  }

  @Test
  void residentAtRiskGetsGoodsAndServiceCarriedToTheDoorOnceBothAreReady() throws Exception {
    ProcessInstance order = place(AT_RISK, RICE_AND_HAIRCUT, "");
    assertThat(order).variables().as("delivery-mode.dmn: limited mobility").containsEntry("deliveryMode", "DOORSTEP")
        .containsEntry(OrderProcess.HAND_OVER_TEXT, "送货上门 (Carried to the door)");
    accept(order);
    assertThat(order).isWaitingAt(TASK_CONFIRM_STOCK, TASK_SCHEDULE_SERVICE);
    confirmStock(order, HETAO, 65.0);
    deliverAndPassCheck(order, HETAO);
    assertThat(order).as("the join waits for the service").isWaitingAt(TASK_SCHEDULE_SERVICE)
        .isNotWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);

    scheduleService(order);

    assertThat(order).isWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);
    ProcessInstance door = calledProcessInstance(DeliveryProcess.KEY, order);
    assertThat(door).as("the call activity's in-mappings").hasBusinessKey(orderNo(order))
        .isWaitingAt(TASK_DELIVER_TO_DOOR).variables().containsEntry(DeliveryProcess.ORDER_NO, orderNo(order))
        .containsEntry(DeliveryProcess.RESIDENT_ID, AT_RISK).containsEntry(DeliveryProcess.REQUESTED_BY, PLACED_BY)
        .containsEntry(DeliveryProcess.KIND, "GOODS");
    complete(task(TASK_DELIVER_TO_DOOR, door), withVariables("outcome", "DELIVERED", "receivedBy", "Her son (儿子)",
        "satisfaction", "5", "antiFraudTalk", true));

    assertThat(door).isEnded().hasPassed(EVENT_DELIVERED);
    assertThat(order).isEnded().hasPassed(TASK_SCHEDULE_SERVICE, EVENT_ORDER_COMPLETED)
        .hasNotPassed(SUB_PROCESS_PICK_UP);
    assertThat(orderVariables(order)).as("the call activity's out-mappings")
        .containsEntry(OrderProcess.DELIVERY_RESULT, "DELIVERED")
        .containsEntry(OrderProcess.RECEIVED_BY, "Her son (儿子)")
        .containsEntry(OrderProcess.SATISFACTION, "5");
    assertThat(engine.calls("recordDoorstepResult")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry(OrderProcess.DELIVERY_RESULT, "DELIVERED")
        .containsEntry(OrderProcess.RECEIVED_BY, "Her son (儿子)")
        .containsEntry(OrderProcess.SATISFACTION, "5"));
    verify(recordHandOver, never()).notify(any(DelegateTask.class));
    assertThat(progress()).contains(onStart(CALL_ACTIVITY_DOORSTEP_DELIVERY), onTake(FLOW_DOORSTEP_DONE),
        onStart(EVENT_ORDER_COMPLETED));
  }

  @Test
  void doorstepDeliveryRefusedAtTheDoorEndsTheOrderNotDeliveredWithTheDeliverysReason() throws Exception {
    ProcessInstance order = outForDelivery();
    ProcessInstance door = calledProcessInstance(DeliveryProcess.KEY, order);

    complete(task(TASK_DELIVER_TO_DOOR, door), withVariables("outcome", "REFUSED", "visitNote", "Already bought"));

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_NOT_DELIVERED)
        .hasNotPassed(EVENT_ORDER_COMPLETED);
    assertThat(orderVariables(order)).containsEntry(OrderProcess.DELIVERY_RESULT, "REFUSED")
        .containsEntry(OrderProcess.DELIVERY_REASON, "居民拒收 (Refused at the door): Already bought");
    assertThat(engine.calls(OrderProgressProperties.LISTENER)).last().satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_ORDER_NOT_DELIVERED);
      assertThat(call.variables())
          .containsEntry(OrderProcess.DELIVERY_REASON, "居民拒收 (Refused at the door): Already bought");
    });
  }

  // ---- Each merchant's goods: Gateway_InStock, Gateway_PriceRise, Gateway_ResidentAgrees, Gateway_GoodsCheck

  @Test
  void twoMerchantsEachAnswerForTheirOwnGoodsAndTheHandOverWaitsForBoth() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_OIL, "");
    accept(order);

    assertThat(engine.calls("prepareMerchantPart")).extracting(call -> call.variables().get(OrderProcess.MERCHANT_ID))
        .containsExactlyInAnyOrder(HETAO, WUDA);
    assertThat(merchantTask(TASK_CONFIRM_STOCK, order, HETAO)).isNotNull();
    assertThat(merchantTask(TASK_CONFIRM_STOCK, order, WUDA)).isNotNull();
    confirmStock(order, HETAO, 65.0);
    deliverAndPassCheck(order, HETAO);
    assertThat(order).isNotWaitingAt(TASK_HAND_OVER_AT_STATION);
    confirmStock(order, WUDA, 40.0);
    deliverAndPassCheck(order, WUDA);

    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
    verify(askMerchants).notify(any(DelegateExecution.class));
    assertThat(engine.calls("recordMerchantAnswer")).extracting(call -> call.variables().get(OrderProcess.MERCHANT_ID))
        .containsExactly(HETAO, WUDA);
  }

  @Test
  void oneMerchantOutOfStockCancelsTheWholeOrderAndTheOtherMerchantsTasks() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_OIL, "");
    accept(order);

    complete(merchantTask(TASK_CONFIRM_STOCK, order, HETAO),
        withVariables("stockAvailable", "NO", "merchantNote", "Sold out (售罄)"));

    assertThat(order).isEnded().hasPassed(EVENT_MERCHANT_OUT_OF_STOCK, EVENT_OUT_OF_STOCK_CANCELS_ORDER,
        EVENT_CANCELLED_OUT_OF_STOCK).hasNotPassed(EVENT_ORDER_COMPLETED);
    assertThat(taskQuery().processInstanceId(order.getId()).count()).isZero();
    assertThat(engine.calls(OrderProgressProperties.LISTENER)).last().satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_MERCHANT_OUT_OF_STOCK);
      assertThat(call.variables()).as("order.reason: the merchant and its note")
          .containsEntry(OrderProcess.MERCHANT_NAME, MERCHANT_NAMES.get(HETAO))
          .containsEntry("merchantNote", "Sold out (售罄)");
    });
  }

  @Test
  void priceRiseAgreedByTheResidentIsRecordedAndTheGoodsAreDelivered() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE, "");
    accept(order);
    confirmStock(order, HETAO, 70.0);

    assertThat(order).isWaitingAt(TASK_ASK_RESIDENT_ABOUT_PRICE);
    assertThat(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order)).hasCandidateGroup(VOLUNTEERS);
    assertThat(engine.calls("showNewPrice")).singleElement().satisfies(call -> assertThat(call.variables())
        .containsEntry(OrderProcess.MERCHANT_ID, HETAO).containsEntry("confirmedGoodsTotal", 70.0));
    complete(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order), withVariables("residentAgreesToPrice", "AGREED"));

    assertThat(order).hasPassed(TASK_ASK_RESIDENT_ABOUT_PRICE, GATEWAY_MERGE_PRICE)
        .isWaitingAt(TASK_DELIVER_TO_STATION);
    assertThat(engine.calls("recordAgreedPrice")).singleElement().satisfies(call -> {
      assertThat(call.businessKey()).isEqualTo(orderNo(order));
      assertThat(call.variables()).containsEntry(OrderProcess.MERCHANT_ID, HETAO);
    });
  }

  @Test
  void priceRiseRefusedByTheResidentCancelsTheWholeOrder() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_OIL, "");
    accept(order);
    confirmStock(order, HETAO, 80.0);

    complete(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order),
        withVariables("residentAgreesToPrice", "REFUSED", "priceNote", "Too dear (太贵)"));

    assertThat(order).isEnded().hasPassed(EVENT_MERCHANT_PRICE_REFUSED, EVENT_PRICE_REFUSAL_CANCELS_ORDER,
        EVENT_CANCELLED_PRICE_REFUSED).hasNotPassed(EVENT_ORDER_COMPLETED);
    assertThat(taskQuery().processInstanceId(order.getId()).count()).as("nor the other merchant's task").isZero();
    verify(recordAgreedPrice, never()).notify(any(DelegateExecution.class));
    assertThat(engine.calls(OrderProgressProperties.LISTENER)).last().satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_MERCHANT_PRICE_REFUSED);
      assertThat(call.variables()).containsEntry(OrderProcess.MERCHANT_NAME, MERCHANT_NAMES.get(HETAO))
          .containsEntry("priceNote", "Too dear (太贵)");
    });
  }

  @Test
  void goodsFailingTheCheckGoBackToTheirMerchantUntilTheyPass() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE, "");
    accept(order);
    confirmStock(order, HETAO, 65.0);
    complete(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO), withVariables("deliveredToStation", true));
    assertThat(task(TASK_CHECK_GOODS, order)).hasCandidateGroup(VOLUNTEERS);

    complete(task(TASK_CHECK_GOODS, order), withVariables("goodsCheck", "FAILED", "checkProblem", "One bag torn"));

    assertThat(order).hasPassed(TASK_CHECK_GOODS).isWaitingAt(TASK_DELIVER_TO_STATION);
    assertThat(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO)).isNotNull();
    deliverAndPassCheck(order, HETAO);
    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
    verify(recordMerchantDelivery, times(2)).notify(any(DelegateTask.class));
    assertThat(progress()).containsSubsequence(onEnd(TASK_DELIVER_TO_STATION), onTake(FLOW_GOODS_CHECK_FAILED),
        onEnd(TASK_DELIVER_TO_STATION), onTake(FLOW_GOODS_CHECK_PASSED));
  }

  @Test
  void priceRiseOfOneMerchantAsksTheResidentAboutThatMerchantsGoodsOnly() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_OIL, "");
    accept(order);
    confirmStock(order, HETAO, 70.0);
    confirmStock(order, WUDA, 40.0);

    assertThat(order).isWaitingAt(TASK_ASK_RESIDENT_ABOUT_PRICE, TASK_DELIVER_TO_STATION);
    assertThat(partTask(TASK_ASK_RESIDENT_ABOUT_PRICE, order, HETAO)).isNotNull();
    assertThat(partTask(TASK_ASK_RESIDENT_ABOUT_PRICE, order, WUDA)).as("Wuda kept its price").isNull();
    assertThat(merchantTask(TASK_DELIVER_TO_STATION, order, WUDA)).isNotNull();
  }

  @Test
  void eachMerchantsAnswersStayInItsPartAndAFailedCheckGoesBackToThatMerchantOnly() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_OIL, "");
    accept(order);
    confirmStock(order, HETAO, 65.0);
    confirmStock(order, WUDA, 40.0);
    assertThat(taskService().getVariable(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO).getId(),
        "confirmedGoodsTotal")).as("each answer stays in its merchant's instance").isEqualTo(65.0);
    assertThat(runtimeService().getVariables(order.getId()))
        .doesNotContainKeys("stockAvailable", "confirmedGoodsTotal", OrderProcess.MERCHANT_ID);
    complete(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO), withVariables("deliveredToStation", true));
    complete(merchantTask(TASK_DELIVER_TO_STATION, order, WUDA), withVariables("deliveredToStation", true));

    complete(partTask(TASK_CHECK_GOODS, order, WUDA),
        withVariables("goodsCheck", "FAILED", "checkProblem", "Bottle leaking"));

    Task again = merchantTask(TASK_DELIVER_TO_STATION, order, WUDA);
    assertThat(again).as("back to Wuda").isNotNull();
    assertThat(taskService().getVariable(again.getId(), "checkProblem")).isEqualTo("Bottle leaking");
    assertThat(merchantTask(TASK_DELIVER_TO_STATION, order, HETAO)).as("Hetao's goods were not sent back").isNull();
    assertThat(partTask(TASK_CHECK_GOODS, order, HETAO)).isNotNull();
    assertThat(taskService().getVariable(partTask(TASK_CHECK_GOODS, order, HETAO).getId(), "goodsCheck"))
        .as("Wuda's failed check is not Hetao's").isNull();
    complete(partTask(TASK_CHECK_GOODS, order, HETAO), withVariables("goodsCheck", "PASSED"));
    deliverAndPassCheck(order, WUDA);

    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
  }

  // ---- Cancellation: the message start of SubProcess_CancelOrder

  @Test
  void cancellationRequestEndsTheOrderAndEveryOpenTaskWithTheReason() throws Exception {
    ProcessInstance order = place(ORDINARY, RICE_AND_HAIRCUT, "");
    accept(order);
    assertThat(order).isWaitingAt(TASK_CONFIRM_STOCK, TASK_SCHEDULE_SERVICE);

    cancel(order, "Son brought rice (儿子已买)");

    assertThat(order).isEnded().hasPassed(EVENT_CANCELLATION_REQUESTED, EVENT_ORDER_CANCELLED)
        .hasNotPassed(EVENT_ORDER_COMPLETED);
    assertThat(taskQuery().processInstanceId(order.getId()).count()).isZero();
    assertThat(engine.calls(OrderProgressProperties.LISTENER)).last().satisfies(call -> {
      assertThat(call.elementId()).isEqualTo(EVENT_ORDER_CANCELLED);
      assertThat(call.variables()).containsEntry(OrderProcess.CANCEL_REASON, "Son brought rice (儿子已买)");
    });
  }

  @Test
  void cancellationWhileOutForDeliveryEndsTheDeliveryAndHandsNothingBack() throws Exception {
    ProcessInstance order = outForDelivery();
    ProcessInstance door = calledProcessInstance(DeliveryProcess.KEY, order);

    cancel(order, "Moved to her daughter's (搬去女儿家)");

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_CANCELLED).hasNotPassed(GATEWAY_DOORSTEP_RESULT);
    assertThat(door).isEnded();
    assertThat(orderVariables(order))
        .doesNotContainKeys(OrderProcess.DELIVERY_RESULT, OrderProcess.RECEIVED_BY, OrderProcess.SATISFACTION);
    verify(delivery.deliveryOutcome, never()).notify(any(DelegateExecution.class));
  }

  // ---- The steps, as mocks that set what the real ones set for the model

  /** RegisterOrderDelegate: the order's number as business key, the gateways' and timers' values, the decision's inputs. */
  private void register(DelegateExecution execution) throws Exception {
    String orderNo = "YZ-261123-" + String.format("%04d", ++orderNumbers);
    execution.setProcessBusinessKey(orderNo);
    List<String> merchants = new ArrayList<>();
    boolean services = false;
    for (var line : new ObjectMapper().readTree((String) execution.getVariable(OrderProcess.ITEMS))) {
      String merchant = MERCHANT_OF_SKU.get(line.get("sku").asText());
      services |= merchant == null;
      if (merchant != null && !merchants.contains(merchant)) {
        merchants.add(merchant);
      }
    }
    merchantsOfOrder.put(orderNo, merchants);
    execution.removeVariable(OrderProcess.ITEMS);
    execution.setVariables(Map.of(OrderProcess.ORDER_NO, orderNo, "hasGoods", !merchants.isEmpty(),
        "hasServices", services, "residentArea", "老厂区 (Old Works estate)", "acceptTimeout", acceptTimeout,
        "pickupReminderAfter", pickupReminderAfter));
    var inputs = Variables.createVariables();
    DECISION_INPUTS.get((String) execution.getVariable(OrderProcess.RESIDENT_ID)).forEach((name, value) ->
        inputs.putValueTyped(name, value instanceof Boolean flag ? Variables.booleanValue(flag, true)
            : Variables.integerValue((Integer) value, true)));
    execution.setVariables(inputs);
  }

  /** MerchantParts.prepare: the merchant's name, lines and frozen amount, local to its instance. */
  private static void prepareMerchantPart(DelegateExecution execution) {
    String merchantId = (String) execution.getVariable(OrderProcess.MERCHANT_ID);
    execution.setVariableLocal(OrderProcess.MERCHANT_NAME, MERCHANT_NAMES.get(merchantId));
    execution.setVariableLocal(OrderProcess.MERCHANT_GOODS, "- goods of " + merchantId);
    execution.setVariableLocal(OrderProcess.MERCHANT_FROZEN_TOTAL, FROZEN_TOTALS.get(merchantId));
    execution.setVariableLocal(OrderProcess.MERCHANT_FROZEN_TOTAL + "Text", "¥" + FROZEN_TOTALS.get(merchantId));
  }

  // ---- Working the order

  /** Placed by a signed-in volunteer, as the start form or the API does (camunda:initiator keeps who). */
  private ProcessInstance place(String residentId, String items, String preference) {
    var identity = engine.engine().getIdentityService();
    identity.setAuthenticatedUserId(PLACED_BY);
    try {
      return runtimeService().createProcessInstanceByKey(OrderProcess.KEY)
          .setVariables(withVariables(OrderProcess.RESIDENT_ID, residentId, OrderProcess.ITEMS, items,
              OrderProcess.DELIVERY_PREFERENCE, preference))
          .execute();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A doorstep order of goods only, checked: waiting at the doorstep delivery it called. */
  private ProcessInstance outForDelivery() {
    ProcessInstance order = place(AT_RISK, RICE, "");
    accept(order);
    confirmStock(order, HETAO, 65.0);
    deliverAndPassCheck(order, HETAO);
    assertThat(order).isWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);
    return order;
  }

  private static void accept(ProcessInstance order) {
    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "ACCEPT"));
  }

  private static void confirmStock(ProcessInstance order, String merchantId, double amount) {
    complete(merchantTask(TASK_CONFIRM_STOCK, order, merchantId),
        withVariables("stockAvailable", "YES", "confirmedGoodsTotal", amount));
  }

  private static void deliverAndPassCheck(ProcessInstance order, String merchantId) {
    Task delivered = merchantTask(TASK_DELIVER_TO_STATION, order, merchantId);
    String part = delivered.getExecutionId();
    complete(delivered, withVariables("deliveredToStation", true));
    complete(taskQuery().processInstanceId(order.getId()).taskDefinitionKey(TASK_CHECK_GOODS).executionId(part)
        .singleResult(), withVariables("goodsCheck", "PASSED"));
  }

  private static void scheduleService(ProcessInstance order) {
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));
  }

  private static void handOver(ProcessInstance order) {
    complete(task(TASK_HAND_OVER_AT_STATION, order),
        withVariables(OrderProcess.RECEIVED_BY, "Zhang (张)", OrderProcess.SATISFACTION, "4"));
  }

  private static void cancel(ProcessInstance order, String reason) {
    runtimeService().createMessageCorrelation(OrderProcess.CANCEL_MESSAGE).processInstanceBusinessKey(orderNo(order))
        .setVariable(OrderProcess.CANCEL_REASON, reason).correlate();
  }

  /** A merchant's open task of the order: offered to that merchant's own group. */
  private static Task merchantTask(String taskKey, ProcessInstance order, String merchantId) {
    return taskQuery().processInstanceId(order.getId()).taskDefinitionKey(taskKey)
        .taskCandidateGroup("merchant-" + merchantId).singleResult();
  }

  /** The station's task of one merchant's part (the price question or the check for its goods). */
  private static Task partTask(String taskKey, ProcessInstance order, String merchantId) {
    return taskQuery().processInstanceId(order.getId()).taskDefinitionKey(taskKey).list().stream()
        .filter(task -> merchantId.equals(taskService().getVariable(task.getId(), OrderProcess.MERCHANT_ID)))
        .findFirst().orElse(null);
  }

  // ---- Reading what happened

  /** The order's number: the business key registering gave the instance. */
  private static String orderNo(ProcessInstance order) {
    return order.getBusinessKey();
  }

  /** The order process's own variables, as its history keeps them (also once it ended). */
  private static Map<String, Object> orderVariables(ProcessInstance order) {
    Map<String, Object> values = new HashMap<>();
    historyService().createHistoricVariableInstanceQuery().processInstanceId(order.getId()).list().stream()
        .filter(variable -> Objects.equals(variable.getActivityInstanceId(), order.getId()))
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }

  /** Where ${orderProgress} ran, and on which event: "Flow_Accepted take", {@code onTake(FLOW_ACCEPTED)}. */
  private static List<String> progress() {
    return engine.calls(OrderProgressProperties.LISTENER).stream()
        .map(call -> call.elementId() + " " + call.eventName()).toList();
  }

  private static String onTake(String flowId) {
    return flowId + " take";
  }

  private static String onStart(String elementId) {
    return elementId + " start";
  }

  private static String onEnd(String elementId) {
    return elementId + " end";
  }

  private static List<String> elementsOf(String beanName) {
    return engine.calls(beanName).stream().map(Call::elementId).toList();
  }

  private static Date after(Duration duration) {
    return Date.from(ProcessTestEngine.NOW.toInstant().plus(duration));
  }
}
