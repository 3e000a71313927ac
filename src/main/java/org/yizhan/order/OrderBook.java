package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.yizhan.catalog.ItemKind;
import org.yizhan.platform.DailyNumbers;
import org.yizhan.platform.Money;

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
    orders.appendProgress(orderNo, now, ProgressStep.PLACED.name(), "居民已下单 (Order placed)");
    return orderNo;
  }

  public void progress(String orderNo, ProgressStep step, String label, OrderStatus status, String closedReason) {
    orders.appendProgress(orderNo, LocalDateTime.now(), step.name(), label);
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

  /** Who received the order and, when the resident said, how satisfied (1 to 5). */
  void recordHandOver(String orderNo, String receivedBy, Integer satisfaction) {
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
    orders.appendProgress(orderNo, LocalDateTime.now(), ProgressStep.PRICE_AGREED.name(),
        "居民同意新价格 " + money(goodsTotal) + " (Resident agreed to the merchant's new goods price)");
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
    orders.appendProgress(orderNo, LocalDateTime.now(), ProgressStep.PRICE_AGREED.name(), part.merchant()
        + "：居民同意新价格 " + money(part.confirmedAmount()) + " (resident agreed to the new goods price)");
  }

  /**
   * What the volunteers' tasks of an order show (what was ordered, the services, the total so far), read from the
   * order's record when the task is created and kept with that task only: kept with the process, every merchant of the
   * order could read the other merchants' goods and prices through its own task.
   */
  public Map<String, Object> sheet(String orderNo) {
    PlacedOrder order = orders.placed(orderNo).orElseThrow(() -> new IllegalStateException("No order " + orderNo));
    List<Order.Item> items = orders.items(orderNo);
    return Map.of(
        "orderSummary", summary(items),
        "servicesSummary", summary(items.stream().filter(item -> item.kind() == ItemKind.SERVICE).toList()),
        "total", order.total().doubleValue(),
        "totalText", money(order.total()),
        "handOverText", order.deliveryMode() == null ? "" : order.deliveryMode().label());
  }

  /**
   * What the volunteer carries to the door for an order and what to collect there: the order's goods with their
   * quantities ({@code goodsText}, left out when the order has no goods) and the order's total as money, or free when
   * nothing is due ({@code collectText}). Neither names the resident.
   */
  public Map<String, Object> doorstepSheet(String orderNo) {
    Order order = orders.find(orderNo).orElseThrow(() -> new IllegalStateException("No order " + orderNo));
    Map<String, Object> sheet = new java.util.HashMap<>();
    String goods = order.items().stream().filter(item -> item.kind() == ItemKind.GOODS)
        .map(item -> "- " + item.quantity() + " × " + item.name() + (item.brand() == null ? "" : ", " + item.brand()))
        .collect(Collectors.joining("\n"));
    if (!goods.isEmpty()) {
      sheet.put("goodsText", goods);
    }
    sheet.put("collectText", amountDue(order.total()));
    return sheet;
  }

  /** The amount to collect from a resident: money, or {@code 免费 (free)} when nothing is due. */
  public static String amountDue(BigDecimal amount) {
    return amount == null || amount.signum() == 0 ? FREE : money(amount);
  }

  public static final String FREE = "免费 (free)";

  /** Money as people read it: ¥93.00. */
  public static String money(BigDecimal amount) {
    return Money.text(amount);
  }

  /** Money as people read it, from a number a form or the process holds (93, 93.5): ¥93.00, ¥93.50. */
  public static String money(Number amount) {
    return money(new BigDecimal(amount.toString()));
  }

  /**
   * One merchant's lines as a short card line, {@code 大米 5公斤 ×2、面粉 5公斤 ×1}: the Chinese names and quantities of
   * those lines only, without prices, so a card stays one line on a phone.
   */
  static String supplyText(List<Order.Item> lines) {
    return lines.stream().map(line -> chineseName(line.name()) + " ×" + line.quantity())
        .collect(Collectors.joining("、"));
  }

  /** "大米 5公斤 (Rice, 5 kg bag)" → "大米 5公斤"; a name without an English part stays as it is. */
  private static String chineseName(String name) {
    int english = name.indexOf(" (");
    return english > 0 && name.endsWith(")") ? name.substring(0, english) : name;
  }

  /** A few lines for task forms: what was ordered, with frozen prices, and no personal data. */
  static String summary(List<Order.Item> items) {
    return items.stream().map(item -> line(item.quantity(), item.name(), item.brand(), item.unitPrice()))
        .collect(Collectors.joining("\n"));
  }

  private static String line(int quantity, String name, String brand, BigDecimal unitPrice) {
    return "- " + quantity + " × " + name + (brand == null ? "" : ", " + brand) + " @ " + money(unitPrice)
        + " = " + money(unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }
}
