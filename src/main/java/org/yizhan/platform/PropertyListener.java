package org.yizhan.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A step of the station that a model asks for with extension properties (Modeler: "Extension properties") instead of
 * wiring a listener by hand: an element carrying {@code progress.step=ACCEPTED} gets {@code ${orderProgress}}. The
 * capability that owns the listener says here which property names are its own, which values they take, and on which
 * event the listener runs; the engine attaches the listener from that (org.yizhan.camunda.models) and the model check
 * refuses a model whose properties break it (platform/deployment), so both read the same rules.
 */
public interface PropertyListener {

  /** Where in a model the properties are written. */
  enum Place {
    /** A sequence flow: its listener runs when the flow is taken. */
    FLOW,
    /** An end event. */
    END_EVENT,
    /** Any other step or event: a task, sub-process, call activity, gateway, start, boundary or intermediate event. */
    OTHER_STEP,
    /** Not a step: the process itself, a lane, a participant; no listener runs there. */
    NOT_A_STEP
  }

  /** The listener's bean name, the one a hand-wired listener named: {@code orderProgress}. */
  String listener();

  /** Whether this property name is one of this listener's, including names it does not know under its prefixes. */
  boolean owns(String propertyName);

  /** Of an element's properties, the ones this listener owns, in their order; empty when it owns none. */
  default Map<String, String> ownOf(Map<String, String> properties) {
    Map<String, String> own = new LinkedHashMap<>();
    properties.forEach((name, value) -> {
      if (owns(name)) {
        own.put(name, value);
      }
    });
    return own;
  }

  /** Whether a listener's delegate expression names this listener ({@code ${orderProgress}}, spaces allowed). */
  default boolean isNamedBy(String delegateExpression) {
    return delegateExpression != null && Pattern.matches("[$#]\\{\\s*" + Pattern.quote(listener()) + "\\s*}",
        delegateExpression.strip());
  }

  /** The listener's event at this place ({@code start}, {@code end} or {@code take}), given its properties. */
  String event(Place place, Map<String, String> properties);

  /**
   * What is wrong with the properties this listener owns on one element, each a sentence a station manager can act on,
   * Chinese first with the English in brackets, naming the property, the bad value and the allowed values. The caller
   * names the element. Empty when the listener can run with them.
   */
  List<String> problems(Place place, Map<String, String> properties);
}
