package org.yizhan.order;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.yizhan.platform.PropertyListener;
import org.yizhan.platform.PropertyValues;

/**
 * The extension properties with which a model records the order's progress ({@link OrderProgressListener},
 * {@code ${orderProgress}}). An element with any property named {@code progress.…} or {@code order.…} gets the
 * listener; the model check refuses a model whose properties are not these, with these values:
 * <ul>
 *   <li>{@code progress.step} (required): one of {@link ProgressStep#forModels()};</li>
 *   <li>{@code progress.label} (required): what the residents' page shows, Chinese first, English in brackets;</li>
 *   <li>{@code progress.event} (optional, steps and events only): {@code start} (the default) records the step when
 *       the process reaches the element, {@code end} when it leaves it; a flow records when it is taken;</li>
 *   <li>{@code order.status} (optional): the order's new status, one of {@link #STATUSES};</li>
 *   <li>{@code order.reason} (optional, with a closing status): variables whose values, joined, are recorded as the
 *       reason the order ended, e.g. {@code declineReason,declineNote}.</li>
 * </ul>
 */
@Component
public class OrderProgressProperties implements PropertyListener {

  public static final String LISTENER = "orderProgress";
  public static final String STEP = "progress.step";
  public static final String LABEL = "progress.label";
  public static final String EVENT = "progress.event";
  public static final String STATUS = "order.status";
  public static final String REASON = "order.reason";
  static final List<String> NAMES = List.of(STEP, LABEL, EVENT, STATUS, REASON);
  /** Where an element records its step: when the process reaches it, or when it leaves it. */
  static final List<String> EVENTS = List.of(ExecutionListener.EVENTNAME_START, ExecutionListener.EVENTNAME_END);
  /** The statuses a model may move an order to; PLACED is the order's status from its registration only. */
  static final List<OrderStatus> STATUSES =
      Arrays.stream(OrderStatus.values()).filter(status -> status != OrderStatus.PLACED).toList();

  /** One element's progress, read from its properties. */
  record Progress(ProgressStep step, String label, OrderStatus status, String reasonVariables) {}

  @Override
  public String listener() {
    return LISTENER;
  }

  @Override
  public boolean owns(String propertyName) {
    return propertyName.startsWith("progress.") || propertyName.startsWith("order.");
  }

  @Override
  public String event(Place place, Map<String, String> properties) {
    if (place == Place.FLOW) {
      return ExecutionListener.EVENTNAME_TAKE;
    }
    return ExecutionListener.EVENTNAME_END.equals(properties.get(EVENT)) ? ExecutionListener.EVENTNAME_END
        : ExecutionListener.EVENTNAME_START;
  }

  @Override
  public List<String> problems(Place place, Map<String, String> properties) {
    List<String> problems = new ArrayList<>();
    if (place == Place.NOT_A_STEP) {
      problems.add(PropertyValues.notAStep(String.join("、", properties.keySet())));
      return problems;
    }
    properties.keySet().stream().filter(name -> !NAMES.contains(name))
        .forEach(name -> problems.add(PropertyValues.unknownName(name, NAMES)));
    PropertyValues.required(STEP, properties, "这一步的进度代码", "the step's code").ifPresent(problems::add);
    PropertyValues.required(LABEL, properties, "居民页面上显示的文字", "the text the residents' page shows")
        .ifPresent(problems::add);
    if (properties.containsKey(STEP)) {
      PropertyValues.oneOf(STEP, properties.get(STEP), names(ProgressStep.forModels())).ifPresent(problems::add);
    }
    if (properties.containsKey(LABEL)) {
      PropertyValues.bilingual(LABEL, properties.get(LABEL)).ifPresent(problems::add);
    }
    if (properties.containsKey(EVENT)) {
      if (place == Place.FLOW) {
        problems.add("连线在经过时记录进度，属性 " + EVENT + " 不能写在连线上 (a flow records progress when it is taken; "
            + "remove " + EVENT + ")");
      } else {
        PropertyValues.oneOf(EVENT, properties.get(EVENT), EVENTS).ifPresent(problems::add);
      }
    }
    if (properties.containsKey(STATUS)) {
      PropertyValues.oneOf(STATUS, properties.get(STATUS), names(STATUSES)).ifPresent(problems::add);
    }
    if (properties.containsKey(REASON)) {
      PropertyValues.variableNames(REASON, properties.get(REASON)).ifPresent(problems::add);
      if (!closes(properties.get(STATUS))) {
        problems.add("属性 " + REASON + " 只在订单结束时记录，需同时写 " + STATUS + "：" + closing() + " (" + REASON
            + " is recorded only when the order ends; set " + STATUS + " to " + String.join(", ", closingNames()) + ")");
      }
    }
    return problems;
  }

  /** The progress an element's properties say; they passed {@link #problems} when the model was deployed. */
  Progress read(Map<String, String> properties) {
    String step = properties.get(STEP);
    String label = properties.get(LABEL);
    if (step == null || label == null) {
      throw new IllegalStateException("The element records the order's progress but lacks " + STEP + " or " + LABEL);
    }
    String status = properties.get(STATUS);
    return new Progress(ProgressStep.valueOf(step), label, status == null ? null : OrderStatus.valueOf(status),
        properties.get(REASON));
  }

  private static boolean closes(String status) {
    return closingNames().contains(status);
  }

  private static String closing() {
    return String.join("、", closingNames());
  }

  private static List<String> closingNames() {
    return STATUSES.stream().filter(OrderStatus::isClosed).map(Enum::name).toList();
  }

  private static List<String> names(List<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).toList();
  }
}
