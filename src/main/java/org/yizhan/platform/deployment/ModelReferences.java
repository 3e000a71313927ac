package org.yizhan.platform.deployment;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * Which forms and decisions a process model names, and which ids a form or decision file declares. The models bind
 * them with {@code binding="deployment"}, so a process must be deployed together with the forms and decisions it
 * names, and a changed form or decision needs its processes deployed again with it.
 */
final class ModelReferences {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelReferences() {}

  /** Form and decision ids the BPMN names. */
  static Set<String> namedBy(BpmnModelInstance model) {
    Set<String> ids = new HashSet<>();
    model.getModelElementsByType(UserTask.class).forEach(task -> addIfSet(ids, task.getCamundaFormRef()));
    model.getModelElementsByType(StartEvent.class).forEach(start -> addIfSet(ids, start.getCamundaFormRef()));
    model.getModelElementsByType(BusinessRuleTask.class).forEach(task -> addIfSet(ids, task.getCamundaDecisionRef()));
    return ids;
  }

  /** The ids a form (its "id") or a decision file (its decisions) declares; nothing for other files. */
  static Set<String> declaredBy(String name, ModelFiles models) {
    Set<String> ids = new HashSet<>();
    ModelKind kind = ModelKind.of(name);
    if (kind == ModelKind.FORM) {
      try {
        addIfSet(ids, JSON.readTree(models.content(name)).path("id").asText(null));
      } catch (IOException notJson) {
        // A broken form declares nothing; the engine refuses it when it is deployed.
      }
    } else if (kind == ModelKind.DECISION) {
      models.dmn(name).getModelElementsByType(Decision.class).forEach(decision -> addIfSet(ids, decision.getId()));
    }
    return ids;
  }

  /** The files of the folder that declare each id. */
  static Map<String, String> declarations(ModelFiles models) {
    Map<String, String> fileById = new java.util.HashMap<>();
    models.contents().keySet().forEach(name -> declaredBy(name, models).forEach(id -> fileById.put(id, name)));
    return fileById;
  }

  private static void addIfSet(Set<String> ids, String id) {
    if (id != null && !id.isBlank() && !id.contains("${")) {
      ids.add(id);
    }
  }
}
