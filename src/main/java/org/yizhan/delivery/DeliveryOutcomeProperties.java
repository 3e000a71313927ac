package org.yizhan.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.yizhan.platform.PropertyListener;
import org.yizhan.platform.PropertyValues;

/**
 * The extension properties with which a delivery's end event closes the delivery ({@code ${deliveryOutcome}}, in
 * DeliveryStepListeners). An element with any property named {@code delivery.…} gets the listener, when the process
 * reaches it; the model check refuses a model whose properties are not these, with these values:
 * <ul>
 *   <li>{@code delivery.status} (required): how the delivery ended, one of {@link #STATUSES};</li>
 *   <li>{@code delivery.reasonText} (optional): why, in words, Chinese first, English in brackets;</li>
 *   <li>{@code delivery.reason} (optional): variables whose values, joined, are added to the reason.</li>
 * </ul>
 * Only on end events: the listener closes the delivery and hands its result to a calling order.
 */
@Component
public class DeliveryOutcomeProperties implements PropertyListener {

  public static final String LISTENER = "deliveryOutcome";
  public static final String STATUS = "delivery.status";
  public static final String REASON_TEXT = "delivery.reasonText";
  public static final String REASON = "delivery.reason";
  static final List<String> NAMES = List.of(STATUS, REASON_TEXT, REASON);
  /** How a delivery may end; OPEN is a delivery under way. */
  static final List<DeliveryStatus> STATUSES =
      Arrays.stream(DeliveryStatus.values()).filter(status -> status != DeliveryStatus.OPEN).toList();

  /** One end event's outcome, read from its properties. */
  record Outcome(DeliveryStatus status, String reasonText, String reasonVariables) {}

  @Override
  public String listener() {
    return LISTENER;
  }

  @Override
  public boolean owns(String propertyName) {
    return propertyName.startsWith("delivery.");
  }

  @Override
  public String event(Place place, Map<String, String> properties) {
    return place == Place.FLOW ? ExecutionListener.EVENTNAME_TAKE : ExecutionListener.EVENTNAME_START;
  }

  @Override
  public List<String> problems(Place place, Map<String, String> properties) {
    List<String> problems = new ArrayList<>();
    if (place != Place.END_EVENT) {
      problems.add("属性 " + String.join("、", properties.keySet()) + " 只能写在结束事件上，送货在那里结束 ("
          + String.join(", ", properties.keySet()) + " belong on an end event, where the delivery ends)");
    }
    properties.keySet().stream().filter(name -> !NAMES.contains(name))
        .forEach(name -> problems.add(PropertyValues.unknownName(name, NAMES)));
    PropertyValues.required(STATUS, properties, "送货的结果", "how the delivery ended").ifPresent(problems::add);
    if (properties.containsKey(STATUS)) {
      PropertyValues.oneOf(STATUS, properties.get(STATUS), STATUSES.stream().map(Enum::name).toList())
          .ifPresent(problems::add);
    }
    if (properties.containsKey(REASON_TEXT)) {
      PropertyValues.bilingual(REASON_TEXT, properties.get(REASON_TEXT)).ifPresent(problems::add);
    }
    if (properties.containsKey(REASON)) {
      PropertyValues.variableNames(REASON, properties.get(REASON)).ifPresent(problems::add);
    }
    return problems;
  }

  /** The outcome an end event's properties say; they passed {@link #problems} when the model was deployed. */
  Outcome read(Map<String, String> properties) {
    return new Outcome(DeliveryStatus.valueOf(properties.get(STATUS)), properties.get(REASON_TEXT),
        properties.get(REASON));
  }
}
