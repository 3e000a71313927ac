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
        .anyMatch(reason -> reason.contains("${noSuchBean} names no step of the station"));
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

  private static final String TASK_WITH_FORM = "camunda:candidateGroups=\"station-volunteers\" camunda:formRef=\"tiny-task\" "
      + "camunda:formRefBinding=\"deployment\"";

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "<bpmn:scriptTask id=\"Task_Script\" scriptFormat=\"javascript\"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>",
      "<bpmn:serviceTask id=\"Task_Class\" camunda:class=\"java.lang.Runtime\" />",
      "<bpmn:serviceTask id=\"Task_Expression\" camunda:expression=\"${''.getClass().forName('java.lang.Runtime')}\" />",
      "<bpmn:serviceTask id=\"Task_Delegate\" camunda:delegateExpression=\"${dataSource}\" />",
      "<bpmn:serviceTask id=\"Task_Computed\" camunda:delegateExpression=\"${execution.getVariable('bean')}\" />",
      "<bpmn:serviceTask id=\"Task_Connector\"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>",
      "<bpmn:serviceTask id=\"Task_Listener\" camunda:delegateExpression=\"${registerOrder}\"><bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">1</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:serviceTask>",
      "<bpmn:serviceTask id=\"Task_Io\" camunda:delegateExpression=\"${registerOrder}\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">${execution.processEngine}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>",
      "<bpmn:sequenceFlow id=\"Flow_Scripted\" sourceRef=\"Task_Work\" targetRef=\"Event_Done\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"juel\">${true}</bpmn:conditionExpression></bpmn:sequenceFlow>",
      "<bpmn:serviceTask id=\"Task_Listener2\" camunda:delegateExpression=\"${registerOrder}\"><bpmn:extensionElements><camunda:taskListener event=\"create\" class=\"java.lang.Thread\" /></bpmn:extensionElements></bpmn:serviceTask>"})
  void modelThatWouldRunUnreviewedCodeIsRefused(String element) {
    byte[] model = TinyModels.process("tiny", TASK_WITH_FORM, element, false);

    assertThat(reasons(Map.of("tiny.bpmn", model, "forms/tiny.form", TinyModels.form())))
        .anyMatch(reason -> reason.contains("not allowed") || reason.contains("Java class") || reason.contains("script")
            || reason.contains("names no step of the station") || reason.contains("must name one step"));
  }

  @Test
  void processUnderAnotherFileEndingIsCheckedAsWell() {
    byte[] model = TinyModels.process("tiny", TASK_WITH_FORM,
        "<bpmn:serviceTask id=\"Task_Class\" camunda:class=\"java.lang.Runtime\" />", true);

    assertThat(reasons(Map.of("tiny.bpmn20.xml", model, "forms/tiny.form", TinyModels.form())))
        .anyMatch(reason -> reason.contains("names the Java class java.lang.Runtime"));
    assertThat(reasons(Map.of("case.cmmn", "<definitions/>".getBytes(StandardCharsets.UTF_8))))
        .singleElement().asString().contains("CMMN");
  }

  @Test
  void decisionInAScriptLanguageIsRefused() {
    String table = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="scripted" name="Scripted"><decisionTable id="t">
            <input id="i"><inputExpression id="ie" typeRef="string" expressionLanguage="javascript"><text>java.lang.System.exit(1)</text></inputExpression></input>
            <output id="o" name="out" typeRef="string" />
            <rule id="r"><inputEntry id="e"><text></text></inputEntry><outputEntry id="oe"><text>"x"</text></outputEntry></rule>
          </decisionTable></decision>
        </definitions>""".strip();

    assertThat(reasons(Map.of("scripted.dmn", table.getBytes(StandardCharsets.UTF_8))))
        .anyMatch(reason -> reason.contains("is written in 'javascript'"));
  }

  private List<String> reasons(Map<String, byte[]> files) {
    Map<String, List<String>> problems = gate.check(files);
    assertThat(problems).isNotEmpty();
    return problems.values().stream().flatMap(List::stream).toList();
  }
}
