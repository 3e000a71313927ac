package org.yizhan.order;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

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
 */
@Component("orderProgress")
class OrderProgressListener implements ExecutionListener {

  private final OrderBook book;

  OrderProgressListener(OrderBook book) {
    this.book = book;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, String> properties = properties(execution);
    String step = properties.get("progress.step");
    String label = properties.get("progress.label");
    if (step == null || label == null) {
      throw new IllegalStateException("Element " + execution.getCurrentActivityId() + execution.getCurrentTransitionId()
          + " calls ${orderProgress} but lacks the extension properties progress.step and progress.label");
    }
    String status = properties.get("order.status");
    String reason = reason(execution, properties.get("order.reason"));
    String orderNo = (String) execution.getVariable(OrderProcess.ORDER_NO);
    book.progress(orderNo, step, label, status == null ? null : OrderStatus.valueOf(status), reason);
  }

  private static String reason(DelegateExecution execution, String variables) {
    if (variables == null) {
      return null;
    }
    String reason = Arrays.stream(variables.split(","))
        .map(String::trim)
        .map(execution::getVariable)
        .filter(Objects::nonNull)
        .map(Object::toString)
        .filter(value -> !value.isBlank())
        .collect(Collectors.joining(": "));
    return reason.isEmpty() ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
  }

  private static Map<String, String> properties(DelegateExecution execution) {
    BaseElement element = execution.getBpmnModelElementInstance();
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return Map.of();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> property.getCamundaName() != null && property.getCamundaValue() != null)
        .collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue, (a, b) -> b));
  }
}
