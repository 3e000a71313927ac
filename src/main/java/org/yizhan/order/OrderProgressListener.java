package org.yizhan.order;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.yizhan.platform.ModelProperties;

/**
 * Appends a progress event to the order when the process passes an element that carries one. The model says what,
 * in the element's extension properties ({@link OrderProgressProperties}: {@code progress.step},
 * {@code progress.label}, {@code order.status}, {@code order.reason}); the engine attaches this listener to every
 * element carrying them (org.yizhan.camunda.models), and older versions of a model name it by hand.
 * Within one merchant's part of the order the label starts with the merchant's name.
 */
@Component(OrderProgressProperties.LISTENER)
class OrderProgressListener implements ExecutionListener {

  private final OrderBook book;
  private final OrderProgressProperties rules;

  OrderProgressListener(OrderBook book, OrderProgressProperties rules) {
    this.book = book;
    this.rules = rules;
  }

  @Override
  public void notify(DelegateExecution execution) {
    OrderProgressProperties.Progress progress = rules.read(ModelProperties.of(execution));
    String label = progress.label();
    Object merchant = execution.getVariable(OrderProcess.MERCHANT_NAME);
    if (merchant != null) {
      // A step of one merchant's part of the order (SubProcess_MerchantParts) says whose.
      label = merchant + ": " + label;
    }
    String reason = ModelProperties.joinedVariables(execution, progress.reasonVariables());
    // The business key, set when the order was registered: never a variable a client could have overwritten.
    String orderNo = execution.getProcessBusinessKey();
    book.progress(orderNo, progress.step(), label, progress.status(), reason);
  }
}
