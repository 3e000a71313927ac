package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.yizhan.catalog.ItemKind;
import org.yizhan.catalog.Merchant;
import org.yizhan.catalog.MerchantRepository;
import org.yizhan.camunda.identity.EngineSignIn;

/**
 * Each merchant answers for its own goods of an order (SubProcess_MerchantParts in station-order.bpmn, one instance
 * per merchant). The order is the one of the process's business key, its merchants those of its frozen lines; the
 * merchant of an instance must be one of them, and an answer is recorded with the signed-in user who gave it.
 */
@Service
class MerchantParts {

  private final OrderRepository orders;
  private final MerchantAnswers answers;
  private final MerchantRepository merchants;
  private final IdentityService identity;

  MerchantParts(OrderRepository orders, MerchantAnswers answers, MerchantRepository merchants,
      IdentityService identity) {
    this.orders = orders;
    this.answers = answers;
    this.merchants = merchants;
    this.identity = identity;
  }

  /** The goods branch starts: one instance for each merchant of the order's goods, in the order of its lines. */
  void askMerchants(DelegateExecution execution) {
    Set<String> merchantIds = new LinkedHashSet<>();
    for (Order.Item line : goods(order(execution))) {
      if (line.merchantId() == null) {
        throw new ProcessEngineException(line.name() + " (" + line.sku() + ") has no merchant to buy it from; "
            + "set its merchant in the catalog");
      }
      merchantIds.add(line.merchantId());
    }
    execution.setVariable(OrderProcess.MERCHANT_IDS, Variables.objectValue(List.copyOf(merchantIds), true).create());
  }

  /** A merchant's instance starts: its lines and their frozen amount become its own variables, the question a row. */
  void prepare(DelegateExecution execution) {
    Order order = order(execution);
    String merchantId = merchantId(execution);
    List<Order.Item> lines = linesOf(order, merchantId);
    Merchant merchant = merchants.find(merchantId).orElseThrow(() -> new ProcessEngineException(
        "There is no merchant " + merchantId));
    BigDecimal frozen = lines.stream().map(Order.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    answers.ask(order.orderNo(), merchantId, frozen, LocalDateTime.now());
    execution.setVariableLocal(OrderProcess.MERCHANT_NAME, merchant.name());
    execution.setVariableLocal(OrderProcess.MERCHANT_GOODS, OrderBook.summary(lines));
    execution.setVariableLocal(OrderProcess.MERCHANT_FROZEN_TOTAL, frozen.doubleValue());
    execution.setVariableLocal(OrderProcess.MERCHANT_FROZEN_TOTAL + "Text", OrderBook.money(frozen));
  }

  /**
   * A merchant's task is created: its card shows this merchant's lines only ({@code 大米 5公斤 ×2}), from the order's
   * record and the instance's merchant, checked to be one of the order's; kept with the task, so it is gone with it.
   */
  void showSupply(DelegateTask task) {
    String merchantId = merchantId(task.getExecution());
    task.setVariableLocal(OrderProcess.SUPPLY_TEXT, OrderBook.supplyText(linesOf(order(task.getExecution()), merchantId)));
  }

  /** The amount the instance's merchant confirmed, as money. */
  String confirmedAmountText(DelegateExecution execution) {
    if (execution.getVariable(OrderProcess.MERCHANT_ID) == null) {
      Object amount = execution.getVariable("confirmedGoodsTotal");
      return amount == null ? "" : OrderBook.money(new BigDecimal(amount.toString()));
    }
    String merchantId = checkedMerchantId(execution);
    return answers.of(orderNo(execution)).stream().filter(part -> part.merchantId().equals(merchantId))
        .map(MerchantPart::confirmedAmount).filter(java.util.Objects::nonNull).findFirst().map(OrderBook::money)
        .orElse("");
  }

  /** "Confirm stock and price" is completed: the merchant's answer, by the signed-in user. */
  void recordAnswer(DelegateTask task) {
    String orderNo = orderNo(task.getExecution());
    String merchantId = checkedMerchantId(task.getExecution());
    boolean inStock = "YES".equals(task.getVariable("stockAvailable"));
    Object amount = task.getVariable("confirmedGoodsTotal");
    answers.answer(orderNo, merchantId, inStock, inStock && amount != null ? new BigDecimal(amount.toString()) : null,
        text(task, "merchantNote"), signedIn(), LocalDateTime.now());
  }

  /** "Deliver goods to the station" is completed. */
  void recordDelivery(DelegateTask task) {
    answers.delivered(orderNo(task.getExecution()), checkedMerchantId(task.getExecution()), signedIn(),
        LocalDateTime.now());
  }

  /** The merchant of the instance, if it is one of the order's, else the step fails. */
  String checkedMerchantId(DelegateExecution execution) {
    String merchantId = merchantId(execution);
    linesOf(order(execution), merchantId);
    return merchantId;
  }

  List<MerchantPart> of(String orderNo) {
    return answers.of(orderNo);
  }

  private List<Order.Item> linesOf(Order order, String merchantId) {
    List<Order.Item> lines = goods(order).stream().filter(line -> merchantId.equals(line.merchantId())).toList();
    if (lines.isEmpty()) {
      throw new ProcessEngineException("Order " + order.orderNo() + " has no goods of merchant " + merchantId
          + "; a merchant answers for its own goods only");
    }
    return lines;
  }

  private static List<Order.Item> goods(Order order) {
    return order.items().stream().filter(line -> line.kind() == ItemKind.GOODS).toList();
  }

  private Order order(DelegateExecution execution) {
    String orderNo = orderNo(execution);
    return orders.find(orderNo).orElseThrow(() -> new ProcessEngineException("There is no order " + orderNo));
  }

  /** The business key the station gave the order, never a variable a client could write. */
  private static String orderNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static String merchantId(DelegateExecution execution) {
    Object merchantId = execution.getVariable(OrderProcess.MERCHANT_ID);
    if (merchantId == null) {
      throw new ProcessEngineException("This step belongs in a merchant's part of the order (merchantId is not set)");
    }
    return merchantId.toString();
  }

  private String signedIn() {
    return EngineSignIn.userId(identity).orElse(null);
  }

  private static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
