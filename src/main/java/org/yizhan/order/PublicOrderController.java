package org.yizhan.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.web.ApiException;

/**
 * An order's public progress (实时公示): what was bought, from which brand, at what unit price, how it reaches the
 * resident, and when each step the resident cares about happened. Built field by field from the order so that no
 * personal data can slip in; the station's internal steps ({@link #INTERNAL_STEPS}) are left out here, so that the
 * public API never publishes them and the page needs no list of its own.
 */
@RestController
class PublicOrderController {

  record PublicItem(String name, String brand, String unit, BigDecimal unitPrice, int quantity) {}

  record PublicOrder(String orderNo, OrderStatus status, DeliveryMode deliveryMode, List<PublicItem> items,
      BigDecimal total, List<Order.Progress> progress) {}

  /**
   * Progress steps that are the station's own business, seen from the resident's side, and not published:
   * <ul>
   *   <li>{@code HAND_OVER_DECIDED}: a rule run at placement, not an event; its outcome is published as
   *       {@code deliveryMode} and the page shows it as 送货上门 / 到站自取;</li>
   *   <li>{@code ACCEPT_OVERDUE}: the station manager was alerted that nobody accepted the order in time;</li>
   *   <li>{@code PROCURING}: the station asked a merchant for stock and price (the order's status already reads
   *       "being bought"; the merchant's answer, {@code STOCK_CONFIRMED}, is shown);</li>
   *   <li>{@code PICKUP_REMINDER}: a volunteer's task to remind the resident, who hears it by phone.</li>
   * </ul>
   * Every other step is shown, among them the goods' arrival, check and return, agreed prices, hand-over and every
   * end (completed, cancelled, rejected), since those explain where the order stands and why.
   */
  static final Set<String> INTERNAL_STEPS = Set.of("HAND_OVER_DECIDED", "ACCEPT_OVERDUE", "PROCURING",
      "PICKUP_REMINDER");

  private final OrderService orders;
  private final OrderRepository repository;

  PublicOrderController(OrderService orders, OrderRepository repository) {
    this.orders = orders;
    this.repository = repository;
  }

  /** By the code printed on the resident's slip ({@link PublicCodes}), never by the sequential order number. */
  @GetMapping("/api/public/orders/{code}")
  PublicOrder order(@PathVariable String code) {
    String normalised = code.trim().toUpperCase(java.util.Locale.ROOT);
    String orderNo = PublicCodes.looksLikeOne(normalised) ? repository.findOrderNoByPublicCode(normalised).orElse(null)
        : null;
    if (orderNo == null) {
      throw ApiException.notFound("code", "没有这个查询码的订单 (No order has the code " + code
          + "; it is the 10-character code on the slip the station gave you)");
    }
    Order order = orders.find(orderNo);
    return new PublicOrder(order.orderNo(), order.status(), order.deliveryMode(),
        order.items().stream()
            .map(item -> new PublicItem(item.name(), item.brand(), item.unit(), item.unitPrice(), item.quantity()))
            .toList(),
        order.total(), order.progress().stream().filter(step -> !INTERNAL_STEPS.contains(step.step())).toList());
  }
}
