package org.yizhan.order;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.web.ApiException;

/**
 * An order's public progress (实时公示): what was bought, from which brand, at what unit price, and when each step
 * happened. Built field by field from the order so that no personal data can slip in.
 */
@RestController
class PublicOrderController {

  record PublicItem(String name, String brand, String unit, BigDecimal unitPrice, int quantity) {}

  record PublicOrder(String orderNo, OrderStatus status, List<PublicItem> items, BigDecimal total,
      List<Order.Progress> progress) {}

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
    return new PublicOrder(order.orderNo(), order.status(),
        order.items().stream()
            .map(item -> new PublicItem(item.name(), item.brand(), item.unit(), item.unitPrice(), item.quantity()))
            .toList(),
        order.total(), order.progress());
  }
}
