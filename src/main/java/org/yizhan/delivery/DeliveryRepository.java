package org.yizhan.delivery;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DeliveryRepository {

  /** Aliased to the record's names, so the row mapper finds each column at the first try. */
  private static final String COLUMNS = """
      delivery_no as deliveryNo, resident_id as residentId, kind, order_no as orderNo, status, attempts,
      process_instance_id as processInstanceId, note, created_by as createdBy, created_at as createdAt, delivered_by
      as deliveredBy, received_by as receivedBy, anti_fraud_talk as antiFraudTalk, policies_explained as
      policiesExplained, closed_reason as closedReason""";

  private final JdbcClient jdbc;

  public DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String deliveryNo, String residentId, DeliveryKind kind, String orderNo, String processInstanceId,
      String note, String createdBy) {
    jdbc.sql("""
            insert into delivery (delivery_no, resident_id, kind, order_no, status, attempts, process_instance_id, note,
                                  created_by, created_at)
            values (?, ?, ?, ?, 'OPEN', 0, ?, ?, ?, ?)""")
        .params(deliveryNo, residentId, kind.name(), orderNo, processInstanceId, note, createdBy, LocalDateTime.now())
        .update();
  }

  int countAttempt(String deliveryNo) {
    jdbc.sql("update delivery set attempts = attempts + 1 where delivery_no = ?").param(deliveryNo).update();
    return jdbc.sql("select attempts from delivery where delivery_no = ?").param(deliveryNo).query(Integer.class).single();
  }

  void recordDelivered(String deliveryNo, String deliveredBy, String receivedBy, boolean antiFraudTalk,
      String policiesExplained) {
    jdbc.sql("""
            update delivery set delivered_by = ?, received_by = ?, anti_fraud_talk = ?, policies_explained = ?
            where delivery_no = ?""")
        .params(deliveredBy, receivedBy, antiFraudTalk, policiesExplained, deliveryNo).update();
  }

  void close(String deliveryNo, DeliveryStatus status, String reason) {
    jdbc.sql("update delivery set status = ?, closed_reason = ?, closed_at = ? where delivery_no = ?")
        .params(status.name(), reason, LocalDateTime.now(), deliveryNo).update();
  }

  public Optional<Delivery> find(String deliveryNo) {
    return jdbc.sql("select " + COLUMNS + " from delivery where delivery_no = ?").param(deliveryNo)
        .query(Delivery.class).optional();
  }

  /** The newest delivery of an order (by the index on order_no); an order calls one. */
  Optional<Delivery> findOfOrder(String orderNo) {
    return jdbc.sql("select " + COLUMNS + " from delivery where order_no = ? order by created_at desc, delivery_no desc "
            + "fetch first 1 rows only").param(orderNo)
        .query(Delivery.class).optional();
  }

  /** Who is enrolled at the canteen, whether or not they still live here (residents say who does). */
  List<String> canteenEnrolments() {
    return jdbc.sql("select resident_id from canteen_enrolment order by resident_id").query(String.class).list();
  }
}
