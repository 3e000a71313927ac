package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each merchant's answers per order (station_order_merchant), in the engine's transaction like the order. */
@Repository
class MerchantAnswers {

  private final JdbcClient jdbc;

  MerchantAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The merchant's part starts; asked again (an instance moved back in Cockpit), the first question stays. */
  void ask(String orderNo, String merchantId, BigDecimal frozenAmount, LocalDateTime at) {
    boolean asked = jdbc.sql("select count(*) from station_order_merchant where order_no = ? and merchant_id = ?")
        .params(orderNo, merchantId).query(Integer.class).single() > 0;
    if (!asked) {
      jdbc.sql("insert into station_order_merchant (order_no, merchant_id, frozen_amount, asked_at) values (?, ?, ?, ?)")
          .params(orderNo, merchantId, frozenAmount, at).update();
    }
  }

  void answer(String orderNo, String merchantId, boolean inStock, BigDecimal confirmedAmount, String note,
      String answeredBy, LocalDateTime at) {
    jdbc.sql("""
            update station_order_merchant set in_stock = ?, confirmed_amount = ?, note = ?, answered_by = ?,
                   answered_at = ?
            where order_no = ? and merchant_id = ?""")
        .params(inStock, confirmedAmount, note, answeredBy, at, orderNo, merchantId).update();
  }

  void agreePrice(String orderNo, String merchantId) {
    jdbc.sql("update station_order_merchant set price_agreed = true where order_no = ? and merchant_id = ?")
        .params(orderNo, merchantId).update();
  }

  void delivered(String orderNo, String merchantId, String deliveredBy, LocalDateTime at) {
    jdbc.sql("update station_order_merchant set delivered_by = ?, delivered_at = ? where order_no = ? and merchant_id = ?")
        .params(deliveredBy, at, orderNo, merchantId).update();
  }

  /** How much the prices the resident agreed to add to the frozen total. */
  BigDecimal agreedRise(String orderNo) {
    return jdbc.sql("""
            select coalesce(sum(confirmed_amount - frozen_amount), 0) from station_order_merchant
            where order_no = ? and price_agreed = true""")
        .param(orderNo).query(BigDecimal.class).single();
  }

  List<MerchantPart> of(String orderNo) {
    return jdbc.sql("""
            select a.merchant_id as merchantId, m.name as merchant, a.frozen_amount as frozenAmount,
                   a.asked_at as askedAt, a.in_stock as inStock, a.confirmed_amount as confirmedAmount, a.note,
                   a.answered_by as answeredBy, a.answered_at as answeredAt, a.price_agreed as priceAgreed,
                   a.delivered_by as deliveredBy, a.delivered_at as deliveredAt
            from station_order_merchant a join merchant m on m.id = a.merchant_id
            where a.order_no = ? order by a.asked_at, a.merchant_id""")
        .param(orderNo).query(MerchantPart.class).list();
  }
}
