package org.yizhan.camunda.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.yizhan.platform.PropertyListener;
import org.yizhan.platform.PropertyListener.Place;

/**
 * Attaches the station's property listeners ({@link PropertyListener}: {@code ${orderProgress}},
 * {@code ${deliveryOutcome}}) to every step, event and flow whose extension properties ask for them, when a model is
 * parsed: at its deployment and whenever the engine loads a deployed version again. The listener is a delegate
 * expression naming the same bean a hand-wired listener named, on the event the properties say, after the element's
 * own listeners of that event.
 *
 * <p>Older versions of a model wire the listener by hand next to the same properties; an element that already names
 * the listener in a {@code camunda:executionListener} of its own is left as it is, so its step is recorded once.
 *
 * <p>Camunda internals: a post-parse listener ({@code customPostBPMNParseListeners}) and the engine's delegate
 * expression listener, verified on 7.24.0. What the properties mean is the capabilities' business (order/,
 * delivery/); this class only hooks them in. Switch: {@code yizhan.camunda.property-listeners}
 * (docs/decisions/property-listeners.md); without it the models' progress and delivery results are not recorded.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.property-listeners", havingValue = "true", matchIfMissing = true)
public class PropertyListenersPlugin extends AbstractProcessEnginePlugin {

  private final List<PropertyListener> listeners;

  public PropertyListenersPlugin(List<PropertyListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> parseListeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    parseListeners.add(new AttachFromProperties(listeners, configuration));
    configuration.setCustomPostBPMNParseListeners(parseListeners);
  }

  static class AttachFromProperties extends AbstractBpmnParseListener {

    private final List<PropertyListener> listeners;
    private final ProcessEngineConfigurationImpl configuration;

    AttachFromProperties(List<PropertyListener> listeners, ProcessEngineConfigurationImpl configuration) {
      this.listeners = listeners;
      this.configuration = configuration;
    }

    private void attach(Element element, CoreModelElement target, Place place) {
      Map<String, String> properties = properties(element);
      if (properties.isEmpty()) {
        return;
      }
      for (PropertyListener listener : listeners) {
        Map<String, String> own = listener.ownOf(properties);
        if (!own.isEmpty() && !wiredByHand(element, listener)) {
          target.addListener(listener.event(place, own), new DelegateExpressionExecutionListener(
              configuration.getExpressionManager().createExpression("${" + listener.listener() + "}"), List.of()));
        }
      }
    }

    /** The element's camunda:properties, by name; a property without a value reads as empty. */
    private static Map<String, String> properties(Element element) {
      Map<String, String> properties = new LinkedHashMap<>();
      Element extensions = element.element("extensionElements");
      if (extensions == null) {
        return properties;
      }
      for (Element group : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties")) {
        for (Element property : group.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
          String name = property.attribute("name");
          if (name != null) {
            properties.put(name, property.attribute("value", ""));
          }
        }
      }
      return properties;
    }

    /** Whether the element names the listener itself (a version from before the listeners were attached here). */
    private static boolean wiredByHand(Element element, PropertyListener listener) {
      Element extensions = element.element("extensionElements");
      return extensions != null
          && extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "executionListener").stream()
              .anyMatch(wired -> listener.isNamedBy(wired.attribute("delegateExpression")));
    }

    private void step(Element element, ActivityImpl activity) {
      attach(element, activity, Place.OTHER_STEP);
    }

    @Override
    public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
      attach(element, transition, Place.FLOW);
    }

    @Override
    public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      attach(element, activity, Place.END_EVENT);
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseInclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseScriptTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseManualTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseTransaction(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }

    @Override
    public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      step(element, activity);
    }
  }
}
