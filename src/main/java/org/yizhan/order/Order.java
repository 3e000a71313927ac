package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.yizhan.catalog.ItemKind;

/** An order as the station keeps it: the resident's id, the items at frozen prices, and every step so far. */
public record Order(String orderNo, String residentId, OrderStatus status, String processInstanceId, BigDecimal total,
    DeliveryMode deliveryPreference, DeliveryMode deliveryMode, String note, String placedBy, LocalDateTime placedAt,
    String closedReason, String receivedBy, Integer satisfaction, List<Item> items, List<Progress> progress) {

  public record Item(String sku, ItemKind kind, String name, String brand, String unit, BigDecimal unitPrice,
      int quantity, String merchantId, String merchant) {

    public BigDecimal amount() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  /** One step of the order; {@code at} carries the station's time-zone offset so any reader gets the right hour. */
  public record Progress(OffsetDateTime at, String step, String label) {}
}
