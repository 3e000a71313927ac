package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.delivery.DeliveryProcess.EVENT_DELIVERED;
import static org.yizhan.delivery.DeliveryProcess.EVENT_EMERGENCY;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DeliveryProcess.TASK_WELFARE_CHECK;
import static org.yizhan.order.OrderProcess.CALL_ACTIVITY_DOORSTEP_DELIVERY;
import static org.yizhan.order.OrderProcess.EVENT_CANCELLED_OUT_OF_STOCK;
import static org.yizhan.order.OrderProcess.EVENT_CANCELLED_PRICE_REFUSED;
import static org.yizhan.order.OrderProcess.EVENT_COLLECTED;
import static org.yizhan.order.OrderProcess.EVENT_MERCHANT_OUT_OF_STOCK;
import static org.yizhan.order.OrderProcess.EVENT_MERCHANT_PRICE_REFUSED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_CANCELLED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_COMPLETED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_NOT_DELIVERED;
import static org.yizhan.order.OrderProcess.EVENT_ORDER_REJECTED;
import static org.yizhan.order.OrderProcess.GATEWAY_DOORSTEP_RESULT;
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
import static org.yizhan.order.OrderScenario.MOBILITY_LIMITED_RESIDENT_LIVING_ALONE;
import static org.yizhan.order.OrderScenario.ORDINARY_RESIDENT;
import static org.yizhan.order.OrderScenario.accept;
import static org.yizhan.order.OrderScenario.confirmStock;
import static org.yizhan.order.OrderScenario.deliverToStationAndPassCheck;
import static org.yizhan.order.OrderScenario.handOver;

import java.math.BigDecimal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.platform.RequestRefusedException;

/** Every path of processes/station-order.bpmn, with the real delegates, DMN and order tables. */
@StationTest
class StationOrderProcessTest {

  private static final String RICE_TWO_BAGS = "[{\"sku\":\"RICE-5KG\",\"quantity\":2}]";
  private static final String HAIRCUT = "[{\"sku\":\"SVC-HAIRCUT\",\"quantity\":1}]";
  private static final String RICE_AND_HAIRCUT = "[{\"sku\":\"RICE-5KG\",\"quantity\":2},{\"sku\":\"SVC-HAIRCUT\",\"quantity\":1}]";

  @Autowired ProcessEngine engine;
  @Autowired OrderRepository orders;
  @Autowired HandOverInWords handOverInWords;

  private OrderScenario scenario;

  @BeforeEach
  void setUp() {
    scenario = OrderScenario.on(engine);
  }

  @Test
  void ordinaryResidentsGoodsAreCheckedAndHandedOverAtTheStation() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");

    assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER);
    assertThat(orders.find(order.getBusinessKey())).as("the order's record under the business key").isPresent();
    assertThat(task(TASK_ACCEPT_ORDER, order)).hasCandidateGroup("station-volunteers");
    assertThat(order).variables().containsEntry("deliveryMode", "PICKUP")
        .containsEntry(OrderProcess.HAND_OVER_TEXT, "到站自取 (Collected at the station)");
    assertThat(engine.getTaskService().getVariablesLocal(task(TASK_ACCEPT_ORDER, order).getId()))
        .as("what was ordered goes to the volunteer's task").containsEntry("total", 65.0)
        .containsEntry("orderSummary", "- 2 × 大米 5公斤 (Rice, 5 kg bag), 河套金谷 (Hetao Golden Grain) @ ¥32.50 = ¥65.00");
    accept(order);
    assertThat(task(TASK_CONFIRM_STOCK, order)).hasCandidateGroup("merchant-hetao-market");
    assertThat(status(order)).isEqualTo(OrderStatus.PROCURING);
    confirmStock(order, 65.0);
    deliverToStationAndPassCheck(order);

    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
    assertThat(status(order)).isEqualTo(OrderStatus.READY);
    handOver(TASK_HAND_OVER_AT_STATION, order, "4");

    assertThat(order).isEnded().hasPassed(EVENT_COLLECTED, EVENT_ORDER_COMPLETED);
    Order done = orders.find(orderNo(order)).orElseThrow();
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(done.satisfaction()).isEqualTo(4);
    assertThat(done.receivedBy()).isEqualTo("Zhang (张)");
    assertThat(done.total()).isEqualByComparingTo("65.00");
    assertThat(done.progress()).extracting(Order.Progress::step).containsExactly("PLACED", "HAND_OVER_DECIDED",
        "ACCEPTED", "PROCURING", "STOCK_CONFIRMED", "GOODS_ARRIVED", "GOODS_CHECKED", "READY", "HANDED_OVER",
        "COMPLETED");
  }

  @Test
  void mobilityLimitedResidentGetsGoodsAndServiceDeliveredToTheDoor() {
    ProcessInstance order = scenario.place(MOBILITY_LIMITED_RESIDENT_LIVING_ALONE, RICE_AND_HAIRCUT, "");

    assertThat(order).variables().containsEntry("deliveryMode", "DOORSTEP");
    accept(order);
    assertThat(order).isWaitingAt(TASK_CONFIRM_STOCK, TASK_SCHEDULE_SERVICE);
    confirmStock(order, 65.0);
    deliverToStationAndPassCheck(order);
    assertThat(order).isWaitingAt(TASK_SCHEDULE_SERVICE).isNotWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));

    assertThat(order).isWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);
    assertThat(status(order)).isEqualTo(OrderStatus.OUT_FOR_DELIVERY);
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);
    assertThat(delivery).hasBusinessKey(orderNo(order)).isWaitingAt(TASK_DELIVER_TO_DOOR);
    assertThat(order).variables().as("the hand-over in words, for every later card")
        .containsEntry(OrderProcess.HAND_OVER_TEXT, "送货上门 (Carried to the door)");
    assertThat(delivery).variables().as("what the door needs: the goods, the amount to collect, no name")
        .containsEntry(DeliveryProcess.GOODS_TEXT, "- 2 × 大米 5公斤 (Rice, 5 kg bag), 河套金谷 (Hetao Golden Grain)")
        .containsEntry(DeliveryProcess.COLLECT_TEXT, "¥70.00").containsEntry(DeliveryProcess.ORDER_NO, orderNo(order))
        .doesNotContainKey(DeliveryProcess.RESIDENT_NAME);
    claim(task(TASK_DELIVER_TO_DOOR, delivery), "wang.fang");
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "DELIVERED", "receivedBy", "Zhang (张)",
        "satisfaction", "5", "antiFraudTalk", true));

    assertThat(delivery).isEnded().hasPassed(EVENT_DELIVERED);
    assertThat(order).isEnded().hasPassed(GATEWAY_DOORSTEP_RESULT, EVENT_ORDER_COMPLETED);
    Order done = orders.find(orderNo(order)).orElseThrow();
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(done.deliveryMode()).isEqualTo(DeliveryMode.DOORSTEP);
    assertThat(done.receivedBy()).isEqualTo("Zhang (张)");
    assertThat(done.satisfaction()).isEqualTo(5);
    assertThat(done.progress()).extracting(Order.Progress::step)
        .contains("SERVICE_SCHEDULED", "OUT_FOR_DELIVERY", "HANDED_OVER", "COMPLETED");
  }

  @Test
  void doorstepOrderThatNobodyCouldReceiveEndsCancelledWithTheReason() {
    ProcessInstance order = scenario.place(MOBILITY_LIMITED_RESIDENT_LIVING_ALONE, RICE_TWO_BAGS, "");
    accept(order);
    confirmStock(order, 65.0);
    deliverToStationAndPassCheck(order);
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "REFUSED", "visitNote", "Already bought"));

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_NOT_DELIVERED);
    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("居民拒收 (Refused at the door): Already bought");
  }

  @Test
  void doorDeliveredHandsWhoReceivedItBackThroughTheCallActivityAndTheOrderRecordsIt() {
    ProcessInstance order = outForDelivery();
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);

    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "DELIVERED", "receivedBy", "Her son (儿子)",
        "satisfaction", "3", "antiFraudTalk", true));

    assertThat(order).isEnded().hasPassed(CALL_ACTIVITY_DOORSTEP_DELIVERY, EVENT_ORDER_COMPLETED);
    assertThat(handedBack(order)).as("the call activity's out-mappings")
        .containsEntry(OrderProcess.DELIVERY_RESULT, "DELIVERED")
        .containsEntry(OrderProcess.RECEIVED_BY, "Her son (儿子)")
        .containsEntry(OrderProcess.SATISFACTION, "3");
    Order done = orders.find(orderNo(order)).orElseThrow();
    assertThat(done.receivedBy()).isEqualTo("Her son (儿子)");
    assertThat(done.satisfaction()).isEqualTo(3);
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void goodsReturnedFromTheDoorCloseTheOrderWithTheDeliverysReasonAndNoHandOver() {
    ProcessInstance order = outForDelivery();
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);
    complete(task(TASK_DELIVER_TO_DOOR, delivery), withVariables("outcome", "NOBODY_ANSWERED"));

    complete(task(TASK_WELFARE_CHECK, delivery), withVariables("welfareOutcome", "EMERGENCY",
        "calledWho", "AMBULANCE_120", "welfareNote", "Fell in the kitchen (厨房摔倒)"));

    assertThat(delivery).isEnded().hasPassed(EVENT_EMERGENCY);
    assertThat(order).isEnded().hasPassed(EVENT_ORDER_NOT_DELIVERED).hasNotPassed(EVENT_ORDER_COMPLETED);
    assertThat(handedBack(order)).containsEntry(OrderProcess.DELIVERY_RESULT, "RETURNED");
    Order returned = orders.find(orderNo(order)).orElseThrow();
    assertThat(returned.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(returned.closedReason()).startsWith("紧急情况 (Emergency at the door): ")
        .contains("AMBULANCE_120", "Fell in the kitchen");
    assertThat(returned.receivedBy()).isNull();
    assertThat(returned.satisfaction()).isNull();
  }

  @Test
  void orderCancelledWhileOutForDeliveryEndsTheDeliveryAndRecordsNoHandOver() {
    ProcessInstance order = outForDelivery();
    ProcessInstance delivery = calledProcessInstance(DeliveryProcess.KEY, order);

    engine.getRuntimeService().createMessageCorrelation(OrderProcess.CANCEL_MESSAGE)
        .processInstanceBusinessKey(orderNo(order))
        .setVariable(OrderProcess.CANCEL_REASON, "Moved to her daughter's (搬去女儿家)")
        .correlate();

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_CANCELLED);
    assertThat(delivery).isEnded();
    assertThat(handedBack(order))
        .doesNotContainKeys(OrderProcess.DELIVERY_RESULT, OrderProcess.RECEIVED_BY, OrderProcess.SATISFACTION);
    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("Moved to her daughter's (搬去女儿家)");
    assertThat(cancelled.receivedBy()).isNull();
    assertThat(cancelled.satisfaction()).isNull();
  }

  @Test
  void servicesOnlyOrderSkipsTheMerchant() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, HAIRCUT, "PICKUP");
    accept(order);

    assertThat(order).isWaitingAt(TASK_SCHEDULE_SERVICE).isNotWaitingAt(TASK_CONFIRM_STOCK);
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));
    handOver(TASK_HAND_OVER_AT_STATION, order, "5");

    assertThat(order).isEnded().hasNotPassed(TASK_CONFIRM_STOCK);
    assertThat(status(order)).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void declinedOrderEndsRejectedWithReason() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");

    complete(task(TASK_ACCEPT_ORDER, order), withVariables("acceptDecision", "DECLINE",
        "declineReason", "OUTSIDE_SERVICE_AREA", "declineNote", "Lives across the river (河对岸)"));

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_REJECTED);
    Order rejected = orders.find(orderNo(order)).orElseThrow();
    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(rejected.closedReason()).isEqualTo("OUTSIDE_SERVICE_AREA: Lives across the river (河对岸)");
  }

  @Test
  void anOrderStartedBeforeTheHandOverWasKeptInWordsGetsTheWordsAtTheNextStart() {
    ProcessInstance order = scenario.place(MOBILITY_LIMITED_RESIDENT_LIVING_ALONE, RICE_TWO_BAGS, "");
    engine.getRuntimeService().removeVariable(order.getId(), OrderProcess.HAND_OVER_TEXT);

    handOverInWords.run(new org.springframework.boot.DefaultApplicationArguments());
    handOverInWords.run(new org.springframework.boot.DefaultApplicationArguments());

    assertThat(order).variables().containsEntry(OrderProcess.HAND_OVER_TEXT, "送货上门 (Carried to the door)")
        .containsEntry("deliveryMode", "DOORSTEP");
  }

  @Test
  void unacceptedOrderAlertsTheManagerUntilAVolunteerAcceptsIt() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    assertThat(job(TIMER_ACCEPT_OVERDUE, order)).isNotNull();

    execute(job(TIMER_ACCEPT_OVERDUE, order));

    assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER, TASK_CHASE_UNACCEPTED_ORDER);
    assertThat(task(TASK_CHASE_UNACCEPTED_ORDER, order)).hasCandidateGroup("station-managers");
    accept(order);
    assertThat(order).isNotWaitingAt(TASK_CHASE_UNACCEPTED_ORDER).isWaitingAt(TASK_CONFIRM_STOCK);
    assertThat(orders.find(orderNo(order)).orElseThrow().progress()).extracting(Order.Progress::step)
        .contains("ACCEPT_OVERDUE");
  }

  @Test
  void acceptanceDeadlineAndDueDateComeFromConfiguration() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");

    assertThat(order).variables().containsEntry("acceptTimeout", "PT2H");
    long timerInMinutes = (job(TIMER_ACCEPT_OVERDUE, order).getDuedate().getTime() - System.currentTimeMillis()) / 60_000;
    assertThat(timerInMinutes).as("PT2H from yizhan.order.accept-timeout").isBetween(110L, 120L);
    long dueInMinutes = (task(TASK_ACCEPT_ORDER, order).getDueDate().getTime() - System.currentTimeMillis()) / 60_000;
    assertThat(dueInMinutes).isBetween(110L, 120L);
  }

  @Test
  void valuesReadOnlyWhileTheOrderIsRegisteredAreNotKeptWithTheProcess() {
    ProcessInstance order = scenario.place(MOBILITY_LIMITED_RESIDENT_LIVING_ALONE, RICE_TWO_BAGS, "");

    assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER).variables()
        .containsKeys(OrderProcess.ORDER_NO, OrderProcess.RESIDENT_ID, "residentArea", "hasGoods", "acceptTimeout",
            "pickupReminderAfter", "deliveryMode")
        .doesNotContainKeys(OrderProcess.ITEMS, "mobilityLimited", "disabled", "livingAlone", "residentAge")
        .as("goods and prices are kept with the tasks that show them, so that no merchant reads another's")
        .doesNotContainKeys("orderSummary", "goodsSummary", "total", "frozenGoodsTotal");
    assertThat(orders.find(orderNo(order)).orElseThrow().deliveryMode()).isEqualTo(DeliveryMode.DOORSTEP);
  }

  @Test
  void whatATaskShowsOfTheOrderIsNotKeptInTheHistoryButTheOrdersValuesAre() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_AND_HAIRCUT, "");
    String acceptTask = task(TASK_ACCEPT_ORDER, order).getId();

    assertThat(engine.getTaskService().getVariablesLocal(acceptTask)).as("the volunteer's task shows the order")
        .containsKeys(OrderProcess.ORDER_NO, "residentArea", OrderProcess.HAND_OVER_TEXT, "orderSummary",
            "servicesSummary", "total", "totalText");
    var history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(acceptTask).list())
        .as("copies of the order's record on the task").isEmpty();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableName(OrderProcess.ORDER_NO)
        .list()).as("the process's own value").hasSize(1).allSatisfy(kept -> assertThat(kept.getTaskId()).isNull());

    accept(order);
    confirmStock(order, 65.0);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(order.getId()).list())
        .as("nor any later task's copies").allSatisfy(kept -> assertThat(kept.getTaskId()).isNull());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableName("acceptDecision").count()).as("what a volunteer decided is kept").isOne();
  }

  @Test
  void valuesRegisteringWorksOutAreRefusedFromTheStartingClient() {
    long instancesBefore = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceByKey(OrderProcess.KEY)
        .setVariable(OrderProcess.RESIDENT_ID, MOBILITY_LIMITED_RESIDENT_LIVING_ALONE)
        .setVariable(OrderProcess.ITEMS, RICE_TWO_BAGS)
        .setVariable("mobilityLimited", false)
        .execute())
        .isInstanceOf(OrderRefusedException.class)
        .hasMessageContaining("mobilityLimited is worked out when the order is registered");
    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceByKey(OrderProcess.KEY)
        .setVariable(OrderProcess.RESIDENT_ID, MOBILITY_LIMITED_RESIDENT_LIVING_ALONE)
        .setVariable(OrderProcess.ITEMS, RICE_TWO_BAGS)
        .setVariable("acceptTimeout", Variables.stringValue("P30D", true))
        .execute())
        .isInstanceOf(OrderRefusedException.class)
        .hasMessageContaining("acceptTimeout");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void priceRiseAgreedByTheResidentRaisesTheTotal() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    accept(order);
    confirmStock(order, 70.0);

    assertThat(order).isWaitingAt(TASK_ASK_RESIDENT_ABOUT_PRICE);
    complete(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order), withVariables("residentAgreesToPrice", "AGREED"));

    assertThat(order).isWaitingAt(TASK_DELIVER_TO_STATION);
    assertThat(orders.find(orderNo(order)).orElseThrow().total()).isEqualByComparingTo(new BigDecimal("70.00"));
  }

  @Test
  void priceRiseRefusedByTheResidentEndsCancelled() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_AND_HAIRCUT, "");
    accept(order);
    confirmStock(order, 80.0);

    complete(task(TASK_ASK_RESIDENT_ABOUT_PRICE, order),
        withVariables("residentAgreesToPrice", "REFUSED", "priceNote", "Too dear (太贵)"));

    assertThat(order).isEnded().hasPassed(EVENT_MERCHANT_PRICE_REFUSED, EVENT_CANCELLED_PRICE_REFUSED);
    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("河套超市 (Hetao Market): Too dear (太贵)");
  }

  @Test
  void outOfStockEndsCancelled() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    accept(order);

    complete(task(TASK_CONFIRM_STOCK, order), withVariables("stockAvailable", "NO", "merchantNote", "Sold out"));

    assertThat(order).isEnded().hasPassed(EVENT_MERCHANT_OUT_OF_STOCK, EVENT_CANCELLED_OUT_OF_STOCK);
    assertThat(status(order)).isEqualTo(OrderStatus.CANCELLED);
    assertThat(orders.find(orderNo(order)).orElseThrow().closedReason()).isEqualTo("河套超市 (Hetao Market): Sold out");
  }

  @Test
  void failedQualityCheckGoesBackToTheMerchant() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    accept(order);
    confirmStock(order, 65.0);
    complete(task(TASK_DELIVER_TO_STATION, order), withVariables("deliveredToStation", true));

    complete(task(TASK_CHECK_GOODS, order), withVariables("goodsCheck", "FAILED", "checkProblem", "One bag torn"));

    assertThat(order).isWaitingAt(TASK_DELIVER_TO_STATION);
    assertThat(task(TASK_DELIVER_TO_STATION, order)).hasCandidateGroup("merchant-hetao-market");
    deliverToStationAndPassCheck(order);
    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
    assertThat(orders.find(orderNo(order)).orElseThrow().progress()).extracting(Order.Progress::step)
        .containsSubsequence("GOODS_ARRIVED", "GOODS_RETURNED", "GOODS_ARRIVED", "GOODS_CHECKED");
  }

  @Test
  void uncollectedOrderGetsAReminderTaskThatEndsWithTheHandOver() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, HAIRCUT, "PICKUP");
    accept(order);
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));
    assertThat(order).variables().containsEntry("pickupReminderAfter", "P3D");

    execute(job(TIMER_PICKUP_REMINDER, order));

    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION, TASK_REMIND_RESIDENT);
    complete(task(TASK_REMIND_RESIDENT, order), withVariables("reminderOutcome", "REMINDED"));
    handOver(TASK_HAND_OVER_AT_STATION, order, "3");
    assertThat(order).isEnded();
    assertThat(status(order)).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void cancellationEndsOpenTasksAndRecordsTheReason() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, RICE_AND_HAIRCUT, "");
    accept(order);
    assertThat(order).isWaitingAt(TASK_CONFIRM_STOCK, TASK_SCHEDULE_SERVICE);

    engine.getRuntimeService().createMessageCorrelation(OrderProcess.CANCEL_MESSAGE)
        .processInstanceBusinessKey(orderNo(order)).setVariable(OrderProcess.CANCEL_REASON, "Son brought rice (儿子已买)")
        .correlate();

    assertThat(order).isEnded().hasPassed(EVENT_ORDER_CANCELLED);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(order.getId()).count()).isZero();
    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("Son brought rice (儿子已买)");
  }

  @Test
  void handOverWithoutSatisfactionIsRefused() {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, HAIRCUT, "PICKUP");
    accept(order);
    complete(task(TASK_SCHEDULE_SERVICE, order),
        withVariables("serviceProvider", "Barber Liu (刘师傅)", "serviceScheduledAt", "2026-11-24T10:00"));

    assertThatThrownBy(() -> complete(task(TASK_HAND_OVER_AT_STATION, order),
        withVariables(OrderProcess.RECEIVED_BY, "Zhang", OrderProcess.SATISFACTION, "9")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("满意度 (Resident's satisfaction): “9” 不是可选项 (is not one of the choices)");
    assertThat(order).isWaitingAt(TASK_HAND_OVER_AT_STATION);
  }

  @Test
  void startFormRowsBecomeOrderLinesWithFrozenPrices() {
    ProcessInstance order = engine.getRuntimeService().createProcessInstanceByKey(OrderProcess.KEY)
        .setVariables(withVariables(OrderProcess.RESIDENT_ID, "R-0002", "item1Sku", "FLOUR-5KG", "item1Quantity", 2L,
            "item2Sku", "SVC-PARCEL", "item2Quantity", 1L, "item3Sku", null, OrderProcess.DELIVERY_PREFERENCE, "NONE",
            OrderProcess.NOTE, "Walk-in"))
        .execute();

    assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER).variables().doesNotContainKeys("item1Sku", "item3Sku")
        .containsEntry("deliveryMode", "PICKUP");
    Order placed = orders.find(orderNo(order)).orElseThrow();
    assertThat(placed.items()).extracting(Order.Item::sku, Order.Item::quantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FLOUR-5KG", 2), org.assertj.core.groups.Tuple.tuple("SVC-PARCEL", 1));
    assertThat(placed.note()).isEqualTo("Walk-in");
  }

  @Test
  void startFormWithFractionalQuantityIsRefused() {
    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceByKey(OrderProcess.KEY)
        .setVariables(withVariables(OrderProcess.RESIDENT_ID, "R-0002", "item1Sku", "FLOUR-5KG", "item1Quantity", 1.5))
        .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("数量（面粉每单最多 4 袋） (Quantity, at most 4) 必须是整数 (must be a whole number)");
  }

  @Test
  void startFormWithUnknownResidentFailsAndLeavesNothingBehind() {
    long instancesBefore = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> scenario.place("R-9999", RICE_TWO_BAGS, ""))
        .isInstanceOfSatisfying(RequestRefusedException.class,
            refused -> assertThat(refused.field()).isEqualTo("residentId"))
        .hasMessageContaining("R-9999");

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  /** A doorstep order (goods only) with its goods checked: waiting at the doorstep delivery it called. */
  private ProcessInstance outForDelivery() {
    ProcessInstance order = scenario.place(MOBILITY_LIMITED_RESIDENT_LIVING_ALONE, RICE_TWO_BAGS, "");
    accept(order);
    confirmStock(order, 65.0);
    deliverToStationAndPassCheck(order);
    assertThat(order).isWaitingAt(CALL_ACTIVITY_DOORSTEP_DELIVERY);
    return order;
  }

  /** The order process's own variables of what the delivery handed back, as its history keeps them. */
  private java.util.Map<String, Object> handedBack(ProcessInstance order) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableNameIn(OrderProcess.DELIVERY_RESULT, OrderProcess.RECEIVED_BY, OrderProcess.SATISFACTION).list()
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }

  /** The order's number is its process's business key, given when the order was registered. */
  private String orderNo(ProcessInstance order) {
    return order.getBusinessKey();
  }

  private OrderStatus status(ProcessInstance order) {
    return orders.find(orderNo(order)).orElseThrow().status();
  }
}
