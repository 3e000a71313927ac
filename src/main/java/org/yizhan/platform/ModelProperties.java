package org.yizhan.platform;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** The extension properties (Modeler: "Extension properties") of the element the execution is at. */
public final class ModelProperties {

  private ModelProperties() {}

  public static Map<String, String> of(DelegateExecution execution) {
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

  /** The non-blank values of the named variables (comma-separated), joined with ": ", at most 500 characters. */
  public static String joinedVariables(DelegateExecution execution, String variableNames) {
    if (variableNames == null) {
      return null;
    }
    String joined = Arrays.stream(variableNames.split(","))
        .map(String::trim)
        .map(execution::getVariable)
        .filter(Objects::nonNull)
        .map(Object::toString)
        .filter(value -> !value.isBlank())
        .collect(Collectors.joining(": "));
    return joined.isEmpty() ? null : joined.length() > 500 ? joined.substring(0, 500) : joined;
  }
}
