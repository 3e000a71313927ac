package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.yizhan.order.OrderProcess.SUB_PROCESS_MERCHANT_PARTS;
import static org.yizhan.order.OrderProcess.TASK_ASK_RESIDENT_ABOUT_PRICE;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;
import static org.yizhan.order.OrderScenario.ORDINARY_RESIDENT;
import static org.yizhan.order.OrderScenario.accept;
import static org.yizhan.order.OrderScenario.handOver;
import static org.yizhan.order.OrderScenario.merchantTask;
import static org.yizhan.order.OrderScenario.partTask;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * What the real steps of each merchant's part (SubProcess_MerchantParts: MerchantParts, OrderStepListeners) do with the
 * station's own data: each merchant's goods and frozen amount from the catalog on its tasks, its answers, deliveries,
 * price rises and failed checks written to the order's records (merchant parts, total, status, closing reason,
 * progress) with who gave them, each task offered to its merchant's own group only, and the task cards. The paths
 * themselves (two merchants in parallel, one out of stock, a price rise agreed or refused, a failed check, each part's
 * answers kept in its own instance) are StationOrderPathsTest's, on mocked steps.
 */
@StationTest
class MerchantPartsProcessTest {

  private static final String HETAO = "hetao-market";
  private static final String WUDA = "wuda-grain";
  /** Rice from Hetao Market (2 × 32.50 = 65.00) and oil from Wuda Grain &amp; Oil (1 × 69.90). */
  private static final String RICE_AND_OIL = "[{\"sku\":\"RICE-5KG\",\"quantity\":2},{\"sku\":\"OIL-5L\",\"quantity\":1}]";

  @Autowired ProcessEngine engine;
  @Autowired OrderRepository orders;
  @Autowired MerchantParts parts;

  private OrderScenario scenario;

  @BeforeEach
  void setUp() {
    scenario = OrderScenario.on(engine);
  }

  @Test
  void twoMerchantsAnswerForTheirOwnGoodsAndEachAnswerIsRecordedWithWhoGaveIt() {
    ProcessInstance order = accepted(RICE_AND_OIL);

    List<Task> asked = BpmnAwareTests.taskQuery().processInstanceId(order.getId())
        .taskDefinitionKey(TASK_CONFIRM_STOCK).list();
    assertThat(asked).hasSize(2);
    assertThat(asked).extracting(task -> candidateGroups(task.getId()))
        .as("each task is offered to its merchant's own group, never to all merchants")
        .containsExactlyInAnyOrder(List.of("merchant-hetao-market"), List.of("merchant-wuda-grain"));
    Task hetaosQuestion = merchantTask(TASK_CONFIRM_STOCK, order, HETAO);
    assertThat(engine.getTaskService().getVariable(hetaosQuestion.getId(), OrderProcess.MERCHANT_GOODS))
        .isEqualTo("- 2 × 大米 5公斤 (Rice, 5 kg bag), 河套金谷 (Hetao Golden Grain) @ ¥32.50 = ¥65.00");
    assertThat(engine.getTaskService().getVariable(hetaosQuestion.getId(), OrderProcess.MERCHANT_FROZEN_TOTAL))
        .isEqualTo(65.0);
    assertThat(engine.getTaskService().getVariable(merchantTask(TASK_CONFIRM_STOCK, order, WUDA).getId(),
        OrderProcess.MERCHANT_GOODS)).asString().contains("Sunflower oil").doesNotContain("Rice");

    scenario.merchantConfirms("wuda.grain", order, WUDA, 69.90);
    scenario.merchantConfirms("hetao.market", order, HETAO, 65.0);
    assertThat(engine.getRuntimeService().getVariables(order.getId())).as("askMerchants hands them over transient")
        .doesNotContainKey(OrderProcess.MERCHANT_IDS);
    scenario.merchantDelivers("hetao.market", order, HETAO);
    complete(partTask(TASK_CHECK_GOODS, order, HETAO), withVariables("goodsCheck", "PASSED"));
    scenario.merchantDelivers("wuda.grain", order, WUDA);
    complete(partTask(TASK_CHECK_GOODS, order, WUDA), withVariables("goodsCheck", "PASSED"));
    handOver(TASK_HAND_OVER_AT_STATION, order, "5");

    Order done = orders.find(orderNo(order)).orElseThrow();
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(done.total()).isEqualByComparingTo("134.90");
    assertThat(parts.of(done.orderNo())).extracting(MerchantPart::merchantId, MerchantPart::inStock,
            part -> part.confirmedAmount().doubleValue(), MerchantPart::answeredBy, MerchantPart::deliveredBy)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(HETAO, true, 65.0, "hetao.market", "hetao.market"),
            org.assertj.core.groups.Tuple.tuple(WUDA, true, 69.9, "wuda.grain", "wuda.grain"));
    assertThat(done.progress()).extracting(Order.Progress::label)
        .contains("河套超市 (Hetao Market): 商超已确认库存和价格 (Merchant confirmed stock and price)",
            "乌达粮油店 (Wuda Grain & Oil): 验收合格 (Goods passed the quality and quantity check)");
  }

  @Test
  void oneMerchantOutOfStockCancelsTheOrderRecordWithThatMerchantsNote() {
    ProcessInstance order = accepted(RICE_AND_OIL);
    scenario.merchantConfirms("hetao.market", order, HETAO, 65.0);

    scenario.as("wuda.grain", () -> complete(merchantTask(TASK_CONFIRM_STOCK, order, WUDA),
        withVariables("stockAvailable", "NO", "merchantNote", "No oil until Monday")));

    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("乌达粮油店 (Wuda Grain & Oil): No oil until Monday");
    assertThat(parts.of(cancelled.orderNo())).filteredOn(part -> part.merchantId().equals(WUDA))
        .singleElement().satisfies(part -> {
          assertThat(part.inStock()).isFalse();
          assertThat(part.answeredBy()).isEqualTo("wuda.grain");
          assertThat(part.note()).isEqualTo("No oil until Monday");
        });
  }

  @Test
  void priceRiseOfOneMerchantAgreedRaisesTheTotalByThatRiseOnly() {
    ProcessInstance order = accepted(RICE_AND_OIL);
    scenario.merchantConfirms("hetao.market", order, HETAO, 70.0);
    scenario.merchantConfirms("wuda.grain", order, WUDA, 69.90);

    complete(partTask(TASK_ASK_RESIDENT_ABOUT_PRICE, order, HETAO), withVariables("residentAgreesToPrice", "AGREED"));

    Order raised = orders.find(orderNo(order)).orElseThrow();
    assertThat(raised.total()).isEqualByComparingTo("139.90");
    assertThat(parts.of(raised.orderNo())).filteredOn(part -> part.merchantId().equals(HETAO)).singleElement()
        .satisfies(part -> assertThat(part.priceAgreed()).isTrue());
    assertThat(raised.progress()).extracting(Order.Progress::step).contains("PRICE_AGREED");
  }

  @Test
  void priceRiseRefusedCancelsTheOrderRecordWithTheResidentsReasonAndKeepsTheFrozenTotal() {
    ProcessInstance order = accepted(RICE_AND_OIL);
    scenario.merchantConfirms("wuda.grain", order, WUDA, 75.0);

    complete(partTask(TASK_ASK_RESIDENT_ABOUT_PRICE, order, WUDA),
        withVariables("residentAgreesToPrice", "REFUSED", "priceNote", "Too dear (太贵)"));

    Order cancelled = orders.find(orderNo(order)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.closedReason()).isEqualTo("乌达粮油店 (Wuda Grain & Oil): Too dear (太贵)");
    assertThat(cancelled.total()).as("the frozen total stays").isEqualByComparingTo("134.90");
  }

  @Test
  void failedCheckIsRecordedInTheOrdersProgressUnderThatMerchant() {
    ProcessInstance order = accepted(RICE_AND_OIL);
    scenario.merchantConfirms("hetao.market", order, HETAO, 65.0);
    scenario.merchantConfirms("wuda.grain", order, WUDA, 69.90);
    scenario.merchantDelivers("hetao.market", order, HETAO);
    scenario.merchantDelivers("wuda.grain", order, WUDA);

    complete(partTask(TASK_CHECK_GOODS, order, WUDA),
        withVariables("goodsCheck", "FAILED", "checkProblem", "Bottle leaking"));

    assertThat(orders.find(orderNo(order)).orElseThrow().progress()).extracting(Order.Progress::label)
        .contains("乌达粮油店 (Wuda Grain & Oil): 验收不合格，退回商超 (Goods failed the check and went back to the merchant)");
  }

  @Test
  void merchantPartForAMerchantWithoutGoodsInTheOrderIsRefused() {
    ProcessInstance order = accepted("[{\"sku\":\"RICE-5KG\",\"quantity\":1}]");

    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceModification(order.getId())
        .startBeforeActivity(SUB_PROCESS_MERCHANT_PARTS)
        .setVariableLocal(OrderProcess.MERCHANT_ID, WUDA)
        .execute())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("has no goods of merchant wuda-grain");
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(order.getId()).taskDefinitionKey(TASK_CONFIRM_STOCK)
        .count()).isEqualTo(1);
  }

  @Test
  void eachMerchantsTaskCardNamesWhatThatMerchantSuppliesAndNothingOfTheOthers() {
    ProcessInstance order = accepted(RICE_AND_OIL);

    assertThat(supplyText(merchantTask(TASK_CONFIRM_STOCK, order, HETAO))).isEqualTo("大米 5公斤 ×2");
    assertThat(supplyText(merchantTask(TASK_CONFIRM_STOCK, order, WUDA))).isEqualTo("葵花籽油 5升 ×1");
    scenario.merchantConfirms("hetao.market", order, HETAO, 65.0);
    Task hetaosDelivery = merchantTask(TASK_DELIVER_TO_STATION, order, HETAO);
    assertThat(supplyText(hetaosDelivery)).isEqualTo("大米 5公斤 ×2");
    assertThat(engine.getTaskService().getVariables(hetaosDelivery.getId()).values())
        .as("nothing the merchant's task can read names the other merchant's goods")
        .noneMatch(value -> String.valueOf(value).contains("葵花籽油") || String.valueOf(value).contains("oil"));
    assertThat(engine.getRuntimeService().getVariables(order.getId())).as("kept with each task, not the order")
        .doesNotContainKey(OrderProcess.SUPPLY_TEXT);
  }

  @Test
  void theVolunteerAskingAboutAHigherPriceReadsItAsMoney() {
    ProcessInstance order = accepted(RICE_AND_OIL);
    scenario.merchantConfirms("hetao.market", order, HETAO, 70.5);

    Task question = partTask(TASK_ASK_RESIDENT_ABOUT_PRICE, order, HETAO);
    assertThat(engine.getTaskService().getVariableLocal(question.getId(), "confirmedGoodsTotalText"))
        .isEqualTo("¥70.50");
    complete(question, withVariables("residentAgreesToPrice", "AGREED"));
    assertThat(orders.find(orderNo(order)).orElseThrow().progress()).filteredOn(step -> step.step().equals("PRICE_AGREED"))
        .extracting(Order.Progress::label).as("the order's public progress reads money like money")
        .singleElement().asString().contains("¥70.50 ");
  }

  private Object supplyText(Task task) {
    return engine.getTaskService().getVariableLocal(task.getId(), OrderProcess.SUPPLY_TEXT);
  }

  private ProcessInstance accepted(String items) {
    ProcessInstance order = scenario.place(ORDINARY_RESIDENT, items, "PICKUP");
    accept(order);
    return order;
  }

  private List<String> candidateGroups(String taskId) {
    return engine.getTaskService().getIdentityLinksForTask(taskId).stream().map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The order's number is its process's business key, given when the order was registered. */
  private String orderNo(ProcessInstance order) {
    return order.getBusinessKey();
  }
}
