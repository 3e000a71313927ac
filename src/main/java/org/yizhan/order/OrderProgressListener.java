package org.yizhan.order;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.yizhan.platform.ModelProperties;

/**
 * Appends a progress event to the order when the process passes an element that carries one. The model says what:
 * the element's extension properties (Modeler: "Extension properties") hold
 * <ul>
 *   <li>{@code progress.step}: the step's code, e.g. {@code ACCEPTED};</li>
 *   <li>{@code progress.label}: what the public page shows, bilingual;</li>
 *   <li>{@code order.status} (optional): the order's new status;</li>
 *   <li>{@code order.reason} (optional): variables whose values, joined, are recorded as the reason a closed order
 *       ended, e.g. {@code declineReason,declineNote}.</li>
 * </ul>
 * Within one merchant's part of the order the label starts with the merchant's name.
 */
@Component("orderProgress")
class OrderProgressListener implements ExecutionListener {

  private final OrderBook book;

  OrderProgressListener(OrderBook book) {
    this.book = book;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, String> properties = ModelProperties.of(execution);
    String step = properties.get("progress.step");
    String label = properties.get("progress.label");
    if (step == null || label == null) {
      throw new IllegalStateException("Element " + execution.getCurrentActivityId() + execution.getCurrentTransitionId()
          + " calls ${orderProgress} but lacks the extension properties progress.step and progress.label");
    }
    Object merchant = execution.getVariable(OrderProcess.MERCHANT_NAME);
    if (merchant != null) {
      // A step of one merchant's part of the order (SubProcess_MerchantParts) says whose.
      label = merchant + ": " + label;
    }
    String status = properties.get("order.status");
    String reason = ModelProperties.joinedVariables(execution, properties.get("order.reason"));
    // The business key, set when the order was registered: never a variable a client could have overwritten.
    String orderNo = execution.getProcessBusinessKey();
    book.progress(orderNo, step, label, status == null ? null : OrderStatus.valueOf(status), reason);
  }
}
