package org.yizhan.delivery;

import java.time.LocalDate;

import org.springframework.stereotype.Service;
import org.yizhan.platform.DailyNumbers;

/** What happens to the delivery record as doorstep-delivery moves. */
@Service
public class DeliveryBook {

  private final DeliveryRepository deliveries;
  private final DailyNumbers numbers;

  DeliveryBook(DeliveryRepository deliveries, DailyNumbers numbers) {
    this.deliveries = deliveries;
    this.numbers = numbers;
  }

  String open(String residentId, DeliveryKind kind, String orderNo, String processInstanceId, String note,
      String requestedBy) {
    String deliveryNo = numbers.next("SD", "delivery_seq", LocalDate.now());
    deliveries.insert(deliveryNo, residentId, kind, orderNo, processInstanceId, note, requestedBy);
    return deliveryNo;
  }

  int countAttempt(String deliveryNo) {
    return deliveries.countAttempt(deliveryNo);
  }

  void recordDelivered(String deliveryNo, String deliveredBy, String receivedBy, boolean antiFraudTalk,
      String policiesExplained) {
    deliveries.recordDelivered(deliveryNo, deliveredBy, receivedBy, antiFraudTalk, policiesExplained);
  }

  void close(String deliveryNo, DeliveryStatus status, String reason) {
    deliveries.close(deliveryNo, status, reason);
  }
}
