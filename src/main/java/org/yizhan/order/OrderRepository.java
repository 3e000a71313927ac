package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order tables. Called inside the engine's transaction, so an order and its process change together. */
@Repository
public class OrderRepository {

  private final JdbcClient jdbc;

  public OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String orderNo, String publicCode, ValidOrder order, String processInstanceId, String placedBy,
      LocalDateTime placedAt) {
    jdbc.sql("""
            insert into station_order (order_no, public_code, resident_id, status, process_instance_id, total,
                                       delivery_preference, note, placed_by, placed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(orderNo, publicCode, order.resident().id(), OrderStatus.PLACED.name(), processInstanceId, order.total(),
            order.deliveryPreference() == null ? null : order.deliveryPreference().name(), order.note(), placedBy, placedAt)
        .update();
    int lineNo = 1;
    for (PricedLine line : order.lines()) {
      var item = line.item();
      jdbc.sql("""
              insert into station_order_item (order_no, line_no, sku, kind, name, brand, unit, unit_price, quantity,
                                              merchant_id, merchant)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(orderNo, lineNo++, item.sku(), item.kind().name(), item.name(), item.brand(), item.unit(),
              item.unitPrice(), line.quantity(), item.merchantId(), item.merchant())
          .update();
    }
  }

  void appendProgress(String orderNo, LocalDateTime at, String step, String label) {
    jdbc.sql("insert into station_order_progress (order_no, at, step, label) values (?, ?, ?, ?)")
        .params(orderNo, at, step, label.length() > 200 ? label.substring(0, 200) : label).update();
  }

  void updateStatus(String orderNo, OrderStatus status) {
    jdbc.sql("update station_order set status = ? where order_no = ?").params(status.name(), orderNo).update();
  }

  void close(String orderNo, OrderStatus status, String reason) {
    jdbc.sql("update station_order set status = ?, closed_reason = ? where order_no = ?")
        .params(status.name(), reason, orderNo).update();
  }

  void recordDeliveryMode(String orderNo, DeliveryMode mode) {
    jdbc.sql("update station_order set delivery_mode = ? where order_no = ?").params(mode.name(), orderNo).update();
  }

  void recordHandOver(String orderNo, String receivedBy, Integer satisfaction) {
    jdbc.sql("update station_order set received_by = ?, satisfaction = ? where order_no = ?")
        .params(receivedBy, satisfaction, orderNo).update();
  }

  void updateTotal(String orderNo, BigDecimal total) {
    jdbc.sql("update station_order set total = ? where order_no = ?").params(total, orderNo).update();
  }

  public Optional<Order> find(String orderNo) {
    return jdbc.sql("""
            select order_no, resident_id, status, process_instance_id, total, delivery_preference, delivery_mode, note,
                   placed_by, placed_at, closed_reason, received_by, satisfaction
            from station_order where order_no = ?""")
        .param(orderNo)
        .query((rs, row) -> new Order(rs.getString("order_no"), rs.getString("resident_id"),
            OrderStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"), rs.getBigDecimal("total"),
            mode(rs.getString("delivery_preference")), mode(rs.getString("delivery_mode")), rs.getString("note"),
            rs.getString("placed_by"), rs.getTimestamp("placed_at").toLocalDateTime(), rs.getString("closed_reason"),
            rs.getString("received_by"), (Integer) rs.getObject("satisfaction"), items(orderNo), progress(orderNo)))
        .optional();
  }

  /** The few columns placing an order answers with, in one read. */
  Optional<PlacedOrder> placed(String orderNo) {
    return jdbc.sql("""
            select order_no, public_code, process_instance_id, total, delivery_mode
            from station_order where order_no = ?""")
        .param(orderNo)
        .query((rs, row) -> new PlacedOrder(rs.getString("order_no"), rs.getString("public_code"),
            rs.getString("process_instance_id"), rs.getBigDecimal("total"), mode(rs.getString("delivery_mode"))))
        .optional();
  }

  /** The order a slip's public code names. */
  Optional<String> findOrderNoByPublicCode(String publicCode) {
    return jdbc.sql("select order_no from station_order where public_code = ?").param(publicCode)
        .query(String.class).optional();
  }

  Optional<String> publicCodeOf(String orderNo) {
    return jdbc.sql("select public_code from station_order where order_no = ?").param(orderNo)
        .query(String.class).optional();
  }

  /** Orders placed before slips had codes. */
  List<String> ordersWithoutPublicCode() {
    return jdbc.sql("select order_no from station_order where public_code is null").query(String.class).list();
  }

  void setPublicCode(String orderNo, String publicCode) {
    jdbc.sql("update station_order set public_code = ? where order_no = ? and public_code is null")
        .params(publicCode, orderNo).update();
  }

  List<Order.Item> items(String orderNo) {
    return jdbc.sql("""
            select sku, kind, name, brand, unit, unit_price as unitPrice, quantity, merchant_id as merchantId, merchant
            from station_order_item where order_no = ? order by line_no""")
        .param(orderNo).query(Order.Item.class).list();
  }

  private List<Order.Progress> progress(String orderNo) {
    return jdbc.sql("select at, step, label from station_order_progress where order_no = ? order by at, id")
        .param(orderNo)
        .query((rs, row) -> new Order.Progress(
            rs.getTimestamp("at").toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault())
                .toOffsetDateTime(),
            rs.getString("step"), rs.getString("label")))
        .list();
  }

  private static DeliveryMode mode(String value) {
    return value == null ? null : DeliveryMode.valueOf(value);
  }
}
