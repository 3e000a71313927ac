package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.yizhan.catalog.ItemKind;
import org.yizhan.platform.DailyNumbers;

/** What happens to the order record as the process moves; the process decides when. */
@Service
public class OrderBook {

  private final OrderRepository orders;
  private final DailyNumbers numbers;
  private final MerchantAnswers answers;

  OrderBook(OrderRepository orders, DailyNumbers numbers, MerchantAnswers answers) {
    this.orders = orders;
    this.numbers = numbers;
    this.answers = answers;
  }

  /** Writes a new order with its prices frozen and its first progress step; returns its number. */
  public String register(ValidOrder order, String processInstanceId, String placedBy) {
    LocalDateTime now = LocalDateTime.now();
    String orderNo = numbers.next("YZ", "station_order_seq", now.toLocalDate());
    orders.insert(orderNo, PublicCodes.next(), order, processInstanceId, placedBy, now);
    orders.appendProgress(orderNo, now, "PLACED", "居民已下单 (Order placed)");
    return orderNo;
  }

  public void progress(String orderNo, String step, String label, OrderStatus status, String closedReason) {
    orders.appendProgress(orderNo, LocalDateTime.now(), step, label);
    if (status == null) {
      return;
    }
    if (status.isClosed()) {
      orders.close(orderNo, status, closedReason);
    } else {
      orders.updateStatus(orderNo, status);
    }
  }

  public void recordDeliveryMode(String orderNo, DeliveryMode mode) {
    orders.recordDeliveryMode(orderNo, mode);
  }

  public void recordHandOver(String orderNo, String receivedBy, int satisfaction) {
    orders.recordHandOver(orderNo, receivedBy, satisfaction);
  }

  /**
   * The resident agreed to the merchant's higher price for the goods (a model before merchants answered each for its
   * own goods): the order's total follows it.
   */
  public void agreeNewGoodsTotal(String orderNo, BigDecimal goodsTotal) {
    Order order = orders.find(orderNo).orElseThrow();
    BigDecimal services = order.items().stream().filter(item -> item.kind() == ItemKind.SERVICE)
        .map(Order.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    orders.updateTotal(orderNo, goodsTotal.add(services));
    orders.appendProgress(orderNo, LocalDateTime.now(), "PRICE_AGREED",
        "居民同意新价格 ¥" + goodsTotal.toPlainString() + " (Resident agreed to the merchant's new goods price)");
  }

  /**
   * The resident agreed to the amount one merchant confirmed for its goods: the order's total is the frozen one plus
   * the rises agreed so far.
   */
  public void agreeNewMerchantPrice(String orderNo, String merchantId) {
    answers.agreePrice(orderNo, merchantId);
    Order order = orders.find(orderNo).orElseThrow();
    BigDecimal frozen = order.items().stream().map(Order.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    orders.updateTotal(orderNo, frozen.add(answers.agreedRise(orderNo)));
    MerchantPart part = answers.of(orderNo).stream().filter(p -> p.merchantId().equals(merchantId)).findFirst()
        .orElseThrow();
    orders.appendProgress(orderNo, LocalDateTime.now(), "PRICE_AGREED", part.merchant()
        + "：居民同意新价格 ¥" + part.confirmedAmount().toPlainString() + " (resident agreed to the new goods price)");
  }

  /**
   * What the volunteers' tasks of an order show (what was ordered, the services, the total so far), read from the
   * order's record when the task is created and kept with that task only: kept with the process, every merchant of the
   * order could read the other merchants' goods and prices through its own task.
   */
  public Map<String, Object> sheet(String orderNo) {
    Order order = orders.find(orderNo).orElseThrow(() -> new IllegalStateException("No order " + orderNo));
    return Map.of(
        "orderSummary", summary(order.items()),
        "servicesSummary", summary(order.items().stream().filter(item -> item.kind() == ItemKind.SERVICE).toList()),
        "total", order.total().doubleValue(),
        "totalText", money(order.total()),
        "handOverText", order.deliveryMode() == DeliveryMode.DOORSTEP ? "送货上门 (Carried to the door)"
            : order.deliveryMode() == DeliveryMode.PICKUP ? "到站自取 (Collected at the station)" : "");
  }

  /** Money as people read it: ¥93.00. */
  static String money(BigDecimal amount) {
    return "¥" + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** A few lines for task forms: what was ordered, with frozen prices, and no personal data. */
  static String summary(List<Order.Item> items) {
    return items.stream().map(item -> line(item.quantity(), item.name(), item.brand(), item.unitPrice()))
        .collect(Collectors.joining("\n"));
  }

  private static String line(int quantity, String name, String brand, BigDecimal unitPrice) {
    return "- " + quantity + " × " + name + (brand == null ? "" : ", " + brand) + " @ ¥" + unitPrice.toPlainString()
        + " = ¥" + unitPrice.multiply(BigDecimal.valueOf(quantity)).toPlainString();
  }
}
