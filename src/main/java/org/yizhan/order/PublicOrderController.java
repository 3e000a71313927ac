package org.yizhan.order;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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

  PublicOrderController(OrderService orders) {
    this.orders = orders;
  }

  @GetMapping("/api/public/orders/{orderNo}")
  PublicOrder order(@PathVariable String orderNo) {
    Order order = orders.find(orderNo);
    return new PublicOrder(order.orderNo(), order.status(),
        order.items().stream()
            .map(item -> new PublicItem(item.name(), item.brand(), item.unit(), item.unitPrice(), item.quantity()))
            .toList(),
        order.total(), order.progress());
  }
}
