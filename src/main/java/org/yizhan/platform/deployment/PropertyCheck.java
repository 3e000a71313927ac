package org.yizhan.platform.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.yizhan.platform.PropertyListener;
import org.yizhan.platform.PropertyListener.Place;

/**
 * The extension properties that ask for one of the station's property listeners ({@link PropertyListener}), checked
 * by that listener's own rules: each element's properties under a listener's prefixes, where they are written and
 * their values; and a listener named by hand on an element without its properties, which would fail when reached.
 */
final class PropertyCheck {

  private PropertyCheck() {}

  static List<String> of(BpmnModelInstance model, List<PropertyListener> listeners) {
    List<String> problems = new ArrayList<>();
    for (CamundaProperties group : model.getModelElementsByType(CamundaProperties.class)) {
      ModelElementInstance extensions = group.getParentElement();
      if (extensions == null || !(extensions.getParentElement() instanceof BaseElement element)) {
        continue;
      }
      Map<String, String> properties = new LinkedHashMap<>();
      for (CamundaProperty property : group.getCamundaProperties()) {
        if (property.getCamundaName() != null) {
          properties.put(property.getCamundaName(),
              property.getCamundaValue() == null ? "" : property.getCamundaValue());
        }
      }
      for (PropertyListener listener : listeners) {
        Map<String, String> own = listener.ownOf(properties);
        if (!own.isEmpty()) {
          listener.problems(placeOf(element), own).forEach(problem -> problems.add(describe(element) + "：" + problem));
        }
      }
    }
    for (CamundaExecutionListener wired : model.getModelElementsByType(CamundaExecutionListener.class)) {
      String expression = wired.getCamundaDelegateExpression();
      ModelElementInstance extensions = wired.getParentElement();
      if (expression == null || extensions == null || !(extensions.getParentElement() instanceof BaseElement element)) {
        continue;
      }
      for (PropertyListener listener : listeners) {
        boolean names = listener.isNamedBy(expression);
        boolean hasProperties = element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
            .list().stream().flatMap(group -> group.getCamundaProperties().stream())
            .anyMatch(property -> property.getCamundaName() != null && listener.owns(property.getCamundaName()));
        if (names && !hasProperties) {
          problems.add(describe(element) + "：监听器 " + expression + " 需要它的扩展属性，请删除这个监听器并填写属性 ("
              + expression + " needs its extension properties; remove the listener and set the properties, which "
              + "attach it)");
        }
      }
    }
    return problems;
  }

  private static Place placeOf(BaseElement element) {
    if (element instanceof SequenceFlow) {
      return Place.FLOW;
    }
    if (element instanceof EndEvent) {
      return Place.END_EVENT;
    }
    return element instanceof FlowNode ? Place.OTHER_STEP : Place.NOT_A_STEP;
  }

  private static String describe(BaseElement element) {
    String name = element instanceof FlowElement flow ? flow.getName() : null;
    String id = element.getId() == null ? element.getElementType().getTypeName() : element.getId();
    return name == null ? "'" + id + "'" : "'" + name + "' (" + id + ")";
  }
}
