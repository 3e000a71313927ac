package org.yizhan.platform.deployment;

import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.springframework.stereotype.Component;
import org.yizhan.camunda.engine.DeploymentCheck;
import org.yizhan.camunda.engine.ModelBeans;

/**
 * The checks a model passes before it may be deployed. The engine runs them on every new deployment (see
 * camunda/engine/ModelCheckDeployer), so processes/, Modeler's Deploy button and any other client meet the same
 * gate: it parses; the forms, decisions and called processes it names exist; every user task has a candidate group and
 * a form; timers are ISO-8601 durations or expressions; every element has diagram layout; and it runs nothing the
 * station has not reviewed: expressions keep to the safe set, delegate expressions name the station's own steps, no
 * scripts, Java classes or connectors ({@link ModelSafety}); the extension properties that attach the station's
 * listeners (progress.step, order.status, delivery.status …) have the names and values those listeners know
 * ({@link PropertyCheck}). Each problem is a sentence a station manager can act on.
 */
@Component
public class ModelGate implements DeploymentCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelBeans beans;
  private final RepositoryService repository;
  private final List<org.yizhan.platform.PropertyListener> propertyListeners;

  public ModelGate(ModelBeans beans, RepositoryService repository,
      List<org.yizhan.platform.PropertyListener> propertyListeners) {
    this.beans = beans;
    this.repository = repository;
    this.propertyListeners = List.copyOf(propertyListeners);
  }

  /** Problems by file name; an empty map lets the deployment through. */
  @Override
  public Map<String, List<String>> check(Map<String, byte[]> files) {
    return check(new ModelFiles(files));
  }

  Map<String, List<String>> check(ModelFiles models) {
    Set<String> declared = new HashSet<>();
    Set<String> processKeys = new HashSet<>();
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Set<String> unreadable = new HashSet<>();
    models.contents().forEach((name, content) -> {
      List<String> found = new ArrayList<>();
      try {
        switch (ModelKind.of(name)) {
          case FORM -> {
            JsonNode form = JSON.readTree(content);
            if (!form.hasNonNull("id") || !form.path("components").isArray()) {
              found.add("is not a Camunda Form: it needs an \"id\" and \"components\"");
            }
          }
          case DECISION -> {
            models.dmn(name);
            found.addAll(ModelSafety.ofDecision(content));
          }
          case PROCESS -> {
            models.bpmn(name).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                .forEach(process -> processKeys.add(process.getId()));
            found.addAll(ModelSafety.ofProcess(content, beans));
          }
          case CASE -> found.add("is a CMMN case model, which the station does not run; model it in BPMN");
          case OTHER -> found.add("is not a model or a form; the station deploys .bpmn, .dmn and .form files only (an "
              + "HTML or script file would run in the browsers of the people who open it)");
        }
        declared.addAll(ModelReferences.declaredBy(name, models));
      } catch (Exception notParsed) {
        unreadable.add(name);
        found.add("does not parse: " + firstLine(notParsed.getMessage()));
      }
      if (!found.isEmpty()) {
        problems.put(name, found);
      }
    });
    models.contents().keySet().forEach(name -> {
      if (ModelKind.of(name) == ModelKind.PROCESS && !unreadable.contains(name)) {
        List<String> found = checkProcess(models.bpmn(name), declared, processKeys);
        if (!found.isEmpty()) {
          problems.computeIfAbsent(name, file -> new ArrayList<>()).addAll(found);
        }
      }
    });
    return problems;
  }

  private List<String> checkProcess(BpmnModelInstance model, Set<String> declared, Set<String> processKeys) {
    List<String> found = new ArrayList<>(PropertyCheck.of(model, propertyListeners));
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (blank(task.getCamundaCandidateGroups())) {
        found.add(describe(task) + " 没有候选组 (has no candidate group; set one in Modeler under Assignment)");
      }
      if (blank(task.getCamundaFormRef())) {
        found.add(describe(task) + " has no form; link a Camunda Form (Form type: Camunda Forms (linked))");
      } else if (!declared.contains(task.getCamundaFormRef()) && !"latest".equals(task.getCamundaFormRefBinding())) {
        found.add(describe(task) + " names the form '" + task.getCamundaFormRef() + "', which is not deployed with it; "
            + "include the .form file (Modeler: Deploy → Include additional files)");
      }
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      String decision = task.getCamundaDecisionRef();
      if (!blank(decision) && !declared.contains(decision)
          && repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision).count() == 0) {
        found.add(describe(task) + " names the decision '" + decision + "', which does not exist");
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      String called = call.getCalledElement();
      if (!blank(called) && !called.contains("${") && !processKeys.contains(called)
          && repository.createProcessDefinitionQuery().processDefinitionKey(called).count() == 0) {
        found.add(describe(call) + " calls the process '" + called + "', which does not exist");
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      String duration = timer.getTimeDuration() == null ? "" : timer.getTimeDuration().getTextContent().trim();
      if (!duration.isEmpty() && !duration.contains("${") && !duration.contains("#{") && !isDuration(duration)) {
        found.add("the timer of '" + ((FlowElement) timer.getParentElement()).getId() + "' waits '" + duration
            + "', which is not an ISO-8601 duration such as PT2H or P3D, nor an expression");
      }
    }
    Set<String> laidOut = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> laidOut.add(shape.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> laidOut.add(edge.getBpmnElement().getId()));
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      if ((element instanceof SequenceFlow || element instanceof org.camunda.bpm.model.bpmn.instance.FlowNode)
          && !laidOut.contains(element.getId())) {
        found.add("'" + element.getId() + "' has no diagram layout; open the file in Modeler and place it");
      }
    }
    return found;
  }

  private static boolean isDuration(String text) {
    try {
      DatatypeFactory.newInstance().newDuration(text);
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException | DatatypeConfigurationException notXml) {
      try {
        Period.parse(text);
        return true;
      } catch (RuntimeException notPeriod) {
        return false;
      }
    }
  }

  private static String describe(FlowElement element) {
    return "'" + (element.getName() == null ? element.getId() : element.getName()) + "' (" + element.getId() + ")";
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
