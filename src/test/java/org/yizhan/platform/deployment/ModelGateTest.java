package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/** Each reason the gate refuses a model for, one at a time, and the models of processes/ passing. */
@StationTest
class ModelGateTest {

  @Autowired ModelGate gate;

  @Test
  void wellFormedModelWithItsFormPasses() {
    assertThat(gate.check(Map.of("tiny.bpmn", TinyModels.process("tiny"), "forms/tiny.form", TinyModels.form())))
        .isEmpty();
  }

  @Test
  void everyModelInProcessesPassesTheGate() throws java.io.IOException {
    Map<String, byte[]> folder = new java.util.TreeMap<>();
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("processes"))) {
      for (var file : (Iterable<java.nio.file.Path>) files.filter(java.nio.file.Files::isRegularFile)::iterator) {
        folder.put(java.nio.file.Path.of("processes").relativize(file).toString(), java.nio.file.Files.readAllBytes(file));
      }
    }

    assertThat(gate.check(folder)).isEmpty();
    assertThat(folder).containsKeys("station-order.bpmn", "doorstep-delivery.bpmn", "mediation-escalation.bpmn");
  }

  @Test
  void modelThatDoesNotParseIsRefused() {
    assertThat(reasons(Map.of("broken.bpmn", "<bpmn:definitions".getBytes(StandardCharsets.UTF_8))))
        .singleElement().asString().startsWith("does not parse");
  }

  @Test
  void userTaskWithoutCandidateGroupOrFormIsRefused() {
    assertThat(reasons(Map.of("tiny.bpmn", TinyModels.process("tiny", "", "", true))))
        .anyMatch(reason -> reason.contains("has no candidate group"))
        .anyMatch(reason -> reason.contains("has no form"));
  }

  @Test
  void formThatIsNotDeployedWithTheModelIsRefused() {
    assertThat(reasons(Map.of("tiny.bpmn", TinyModels.process("tiny"))))
        .singleElement().asString().contains("names the form 'tiny-task', which is not deployed with it");
  }

  @Test
  void missingDecisionCalledProcessAndBeanAreRefused() {
    byte[] model = TinyModels.process("tiny", "camunda:candidateGroups=\"station-volunteers\" camunda:formRef=\"tiny-task\" "
        + "camunda:formRefBinding=\"deployment\"", """
            <bpmn:businessRuleTask id="Task_Decide" camunda:decisionRef="no-such-table" camunda:resultVariable="x" camunda:mapDecisionResult="singleEntry" />
            <bpmn:callActivity id="CallActivity_Other" calledElement="no-such-process" />
            <bpmn:serviceTask id="Task_Call" camunda:delegateExpression="${noSuchBean}" />""", false);

    assertThat(reasons(Map.of("tiny.bpmn", model, "forms/tiny.form", TinyModels.form())))
        .anyMatch(reason -> reason.contains("decision 'no-such-table', which does not exist"))
        .anyMatch(reason -> reason.contains("process 'no-such-process', which does not exist"))
        .anyMatch(reason -> reason.contains("${noSuchBean} names no part of the app"));
  }

  @Test
  void timerThatIsNeitherADurationNorAnExpressionIsRefused() {
    byte[] model = TinyModels.process("tiny", "camunda:candidateGroups=\"station-volunteers\" camunda:formRef=\"tiny-task\" "
        + "camunda:formRefBinding=\"deployment\"", """
            <bpmn:boundaryEvent id="Timer_Late" attachedToRef="Task_Work"><bpmn:timerEventDefinition id="TimerEventDefinition_Late">
              <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">two hours</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""",
        true);

    assertThat(reasons(Map.of("tiny.bpmn", model, "forms/tiny.form", TinyModels.form())))
        .anyMatch(reason -> reason.contains("waits 'two hours', which is not an ISO-8601 duration"));
  }

  @Test
  void elementWithoutLayoutIsRefused() {
    byte[] model = TinyModels.process("tiny", "camunda:candidateGroups=\"station-volunteers\" camunda:formRef=\"tiny-task\" "
        + "camunda:formRefBinding=\"deployment\"", "", false);

    assertThat(reasons(Map.of("tiny.bpmn", model, "forms/tiny.form", TinyModels.form())))
        .anyMatch(reason -> reason.contains("'Task_Work' has no diagram layout"));
  }

  private List<String> reasons(Map<String, byte[]> files) {
    Map<String, List<String>> problems = gate.check(files);
    assertThat(problems).isNotEmpty();
    return problems.values().stream().flatMap(List::stream).toList();
  }
}
