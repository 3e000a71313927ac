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

  /**
   * The delivery a process instance carries, from the record made when it started: listeners find their delivery, its
   * order and its resident here, never in variables, which a client completing a task could have overwritten.
   */
  Delivery ofProcess(String processInstanceId) {
    return deliveries.findByProcessInstance(processInstanceId).orElseThrow(() -> new IllegalStateException(
        "No delivery record for process instance " + processInstanceId));
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
