package org.yizhan.delivery;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
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
   * The delivery a doorstep-delivery instance carries, by its business key: the delivery's own number, or, for a
   * delivery an order called, the order's number (the call activity hands it on; an order has one doorstep delivery).
   * Listeners find their delivery, its order and its resident here, never in variables, which a client completing a
   * task could have overwritten.
   */
  Delivery of(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    boolean calledByAnOrder = execution.getProcessInstance().getSuperExecution() != null;
    return (calledByAnOrder ? deliveries.findOfOrder(businessKey) : deliveries.find(businessKey))
        .orElseThrow(() -> new IllegalStateException("No delivery record for " + DeliveryProcess.KEY
            + " with business key " + businessKey));
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
