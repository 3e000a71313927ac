package org.yizhan.platform.deployment;

import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The checks a model passes before it may be deployed, whether it comes from processes/ or from Modeler's Deploy
 * button: it parses; the forms, decisions and called processes it names exist; every delegate expression names a
 * bean the app has; every user task has a candidate group and a form; timers are ISO-8601 durations or expressions;
 * every element has diagram layout. Each problem is a sentence a station manager can act on.
 */
@Component
public class ModelGate {

  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Predicate<String> beanExists;
  private final RepositoryService repository;

  public ModelGate(ApplicationContext context, RepositoryService repository) {
    this.beanExists = context::containsBean;
    this.repository = repository;
  }

  /** Problems by file name; an empty map lets the deployment through. */
  public Map<String, List<String>> check(Map<String, byte[]> files) {
    return check(new ModelFiles(files));
  }

  Map<String, List<String>> check(ModelFiles models) {
    Set<String> declared = new HashSet<>();
    Set<String> processKeys = new HashSet<>();
    Map<String, List<String>> problems = new LinkedHashMap<>();
    models.contents().forEach((name, content) -> {
      List<String> found = new ArrayList<>();
      String lower = name.toLowerCase(Locale.ROOT);
      try {
        if (lower.endsWith(".form")) {
          JsonNode form = JSON.readTree(content);
          if (!form.hasNonNull("id") || !form.path("components").isArray()) {
            found.add("is not a Camunda Form: it needs an \"id\" and \"components\"");
          }
        } else if (lower.endsWith(".dmn")) {
          models.dmn(name);
        } else if (lower.endsWith(".bpmn")) {
          models.bpmn(name).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
              .forEach(process -> processKeys.add(process.getId()));
        }
        declared.addAll(ModelReferences.declaredBy(name, models));
      } catch (Exception unreadable) {
        found.add("does not parse: " + firstLine(unreadable.getMessage()));
      }
      if (!found.isEmpty()) {
        problems.put(name, found);
      }
    });
    models.contents().keySet().forEach(name -> {
      if (name.toLowerCase(Locale.ROOT).endsWith(".bpmn") && !problems.containsKey(name)) {
        List<String> found = checkProcess(models.bpmn(name), declared, processKeys);
        if (!found.isEmpty()) {
          problems.put(name, found);
        }
      }
    });
    return problems;
  }

  private List<String> checkProcess(BpmnModelInstance model, Set<String> declared, Set<String> processKeys) {
    List<String> found = new ArrayList<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (blank(task.getCamundaCandidateGroups())) {
        found.add(describe(task) + " has no candidate group (候选组); set one in Modeler under Assignment");
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
    List<String> delegateExpressions = new ArrayList<>();
    model.getModelElementsByType(ServiceTask.class).forEach(t -> delegateExpressions.add(t.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaExecutionListener.class)
        .forEach(l -> delegateExpressions.add(l.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaTaskListener.class)
        .forEach(l -> delegateExpressions.add(l.getCamundaDelegateExpression()));
    for (String expression : delegateExpressions) {
      Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression);
      if (bean != null && bean.matches() && !beanExists.test(bean.group(1))) {
        found.add("the delegate expression " + expression + " names no part of the app; check the spelling");
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
