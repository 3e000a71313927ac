package org.yizhan.camunda.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.support.ProbeModels;

/**
 * The form rules as the engine holds a task and a start to them, through both Java APIs a completion can take
 * (TaskService.complete and FormService.submitTaskForm), on a small model whose form uses every kind of rule.
 */
@StationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormRulesInEngineTest {

  private static final String EVERY_RULE = "form-rules-probe";
  private static final String STATIONS = "[{\"label\": \"North (北站)\", \"value\": \"S1\"}, {\"label\": \"South\", "
      + "\"value\": \"S2\"}]";

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;

  private final java.util.List<String> deployments = new java.util.ArrayList<>();

  @BeforeAll
  void deployTheProbe() {
    deploy("form-rules-probe", ProbeModels.process(EVERY_RULE, "", ProbeModels.formRef("every-rule", "deployment")),
        ProbeModels.form("every-rule",
            """
            {"type": "textarea", "key": "reason", "label": "Reason (原因)",
             "validate": {"required": true, "minLength": 2, "maxLength": 10}}""",
            """
            {"type": "textfield", "key": "code", "label": "Code (编号)", "validate": {"pattern": "^R-\\\\d{4}$"}}""",
            """
            {"type": "textfield", "key": "mail", "label": "Email (邮箱)", "validate": {"validationType": "email"}}""",
            """
            {"type": "number", "key": "count", "label": "Count (数量)", "decimalDigits": 0,
             "validate": {"min": 1, "max": 5}}""",
            """
            {"type": "radio", "key": "choice", "label": "Choice (选择)",
             "values": [{"label": "A", "value": "A"}, {"label": "B", "value": "B"}]}""",
            """
            {"type": "textfield", "key": "detail", "label": "Detail (详情)", "validate": {"maxLength": 3},
             "conditional": {"hide": "=choice != \\"B\\""}}""",
            """
            {"type": "select", "key": "station", "label": "Station (驿站)", "valuesKey": "stations"}""",
            """
            {"type": "checklist", "key": "extras", "label": "Extras (附加)",
             "values": [{"label": "X", "value": "X"}, {"label": "Y", "value": "Y"}]}""",
            """
            {"type": "checkbox", "key": "agreed", "label": "同意 (Agreed)", "validate": {"required": true}}""",
            """
            {"type": "datetime", "key": "at", "label": "时间 (When)", "subtype": "datetime"}"""));
  }

  @AfterAll
  void removeTheProbes() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        Arguments.of("reason", null, "原因 (Reason) 必填 (is required)"),
        Arguments.of("reason", "   ", "原因 (Reason) 必填 (is required)"),
        Arguments.of("reason", "x".repeat(11), "原因 (Reason) 最多 10 个字 (may be at most 10 characters)"),
        Arguments.of("reason", "拒".repeat(11), "原因 (Reason) 最多 10 个字 (may be at most 10 characters)"),
        Arguments.of("reason", "x", "原因 (Reason) 至少 2 个字 (must be at least 2 characters)"),
        Arguments.of("code", "X-1", "编号 (Code) 格式不对"),
        Arguments.of("mail", "nobody@", "邮箱 (Email) 不是有效的电子邮箱 (must be a valid email address)"),
        Arguments.of("count", 6, "数量 (Count) 不能大于 5 (must be at most 5)"),
        Arguments.of("count", 0L, "数量 (Count) 不能小于 1 (must be at least 1)"),
        Arguments.of("count", 1.5, "数量 (Count) 必须是整数 (must be a whole number)"),
        Arguments.of("count", "many", "数量 (Count) 必须是数字 (must be a number)"),
        Arguments.of("choice", "C", "选择 (Choice): “C” 不是可选项 (is not one of the choices)"),
        Arguments.of("station", "S9", "驿站 (Station): “S9” 不是可选项 (is not one of the choices)"),
        Arguments.of("extras", "[\"X\", \"Z\"]", "附加 (Extras): “Z” 不是可选项 (is not one of the choices)"),
        Arguments.of("extras", "X", "附加 (Extras) 必须是选项列表 (must be a list of choices)"),
        Arguments.of("agreed", false, "同意 (Agreed) 必填 (is required)"),
        Arguments.of("agreed", "yes", "同意 (Agreed) 只能勾选或不勾选 (must be true or false)"),
        Arguments.of("at", "tomorrow", "时间 (When) 不是有效的日期/时间"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("brokenRules")
  void completionBreakingARuleIsRefusedWithTheLabelAndChangesNothing(String field, Object value, String message) {
    for (Completion completion : completions()) {
      ProcessInstance probe = startProbe();
      Task task = openTask(probe);
      Map<String, Object> values = goodValues();
      values.put(field, value);

      assertThatThrownBy(() -> completion.complete().accept(task.getId(), values)).as(completion.name())
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining(message);

      assertThat(openTask(probe)).as(completion.name() + ": the task stays open").isNotNull();
      assertThat(runtime.getVariables(probe.getId())).as(completion.name() + ": nothing written")
          .containsOnlyKeys("stations", "reason").containsEntry("reason", "earlier");
    }
  }

  @Test
  void completionKeepingEveryRuleGoesThroughBothApis() {
    for (Completion completion : completions()) {
      ProcessInstance probe = startProbe();
      Map<String, Object> values = goodValues();
      values.put("choice", "B");
      values.put("detail", "abc");

      completion.complete().accept(openTask(probe).getId(), values);

      assertThat(runtime.createProcessInstanceQuery().processInstanceId(probe.getId()).count())
          .as(completion.name()).isZero();
    }
  }

  @Test
  void hiddenFieldNeedNotBeFilledButKeepsItsRulesAsAShownOneDoes() {
    ProcessInstance hidden = startProbe();
    Map<String, Object> values = goodValues();
    values.put("choice", "A");
    values.put("detail", "longer than three");
    assertThatThrownBy(() -> tasks.complete(openTask(hidden).getId(), values))
        .hasMessageContaining("详情 (Detail) 最多 3 个字 (may be at most 3 characters)");
    values.remove("detail");
    tasks.complete(openTask(hidden).getId(), values);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(hidden.getId()).count()).isZero();

    values.put("detail", "longer than three");

    ProcessInstance shown = startProbe();
    values.put("choice", "B");
    assertThatThrownBy(() -> tasks.complete(openTask(shown).getId(), values))
        .hasMessageContaining("详情 (Detail) 最多 3 个字 (may be at most 3 characters)");
  }

  @Test
  void valueWrittenToTheProcessPastATaskLocalVariableIsStillChecked() {
    ProcessInstance probe = startProbe();
    Task task = openTask(probe);
    tasks.setVariableLocal(task.getId(), "reason", "fine");
    Map<String, Object> values = goodValues();
    values.put("reason", "x".repeat(11));

    assertThatThrownBy(() -> tasks.complete(task.getId(), values))
        .hasMessageContaining("原因 (Reason) 最多 10 个字");
    assertThat(runtime.getVariable(probe.getId(), "reason")).isEqualTo("earlier");
  }

  @Test
  void taskLocalValueBreakingARuleIsRefusedOnSubmission() {
    ProcessInstance probe = startProbe();
    Task task = openTask(probe);
    tasks.setVariableLocal(task.getId(), "reason", "x".repeat(11));

    // Tasklist shows, and the task reads, its own local value before the process's "earlier".
    assertThatThrownBy(() -> forms.submitTaskForm(task.getId(), goodValuesWithout("reason")))
        .hasMessageContaining("原因 (Reason) 最多 10 个字");
    assertThat(openTask(probe)).isNotNull();
  }

  @Test
  void formBoundToLatestIsReadAgainSoANewVersionAppliesAtOnce() {
    deploy("latest-probe", ProbeModels.process("form-rules-latest-probe", "",
            ProbeModels.formRef("latest-rule", "latest")),
        ProbeModels.form("latest-rule", """
            {"type": "textfield", "key": "word", "label": "Word (词)", "validate": {"maxLength": 3}}"""));
    ProcessInstance first = runtime.startProcessInstanceByKey("form-rules-latest-probe");
    assertThatThrownBy(() -> tasks.complete(openTask(first).getId(), Map.of("word", "four")))
        .hasMessageContaining("词 (Word) 最多 3 个字");

    deployments.add(repository.createDeployment().name("latest-rule-v2")
        .addString("latest-rule.form", new String(ProbeModels.form("latest-rule", """
            {"type": "textfield", "key": "word", "label": "Word (词)", "validate": {"maxLength": 4}}"""),
            java.nio.charset.StandardCharsets.UTF_8))
        .deploy().getId());

    tasks.complete(openTask(first).getId(), Map.of("word", "four"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(first.getId()).count()).isZero();
  }

  @Test
  void startIsCheckedForTheValuesItCarriesWhetherSubmittedAsAFormOrNot() {
    deploy("start-probe", ProbeModels.process("form-rules-start-probe",
            ProbeModels.formRef("start-rule", "deployment"), ProbeModels.formRef("start-rule", "deployment")),
        ProbeModels.form("start-rule", """
            {"type": "textfield", "key": "title", "label": "Title (标题)",
             "validate": {"required": true, "maxLength": 5}}"""));
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey("form-rules-start-probe")
        .latestVersion().singleResult().getId();

    assertThatThrownBy(() -> forms.submitStartForm(definition, Map.of("title", "too long")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("标题 (Title) 最多 5 个字 (may be at most 5 characters)");
    assertThatThrownBy(() -> runtime.startProcessInstanceById(definition, Map.of("title", "too long")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("标题 (Title) 最多 5 个字 (may be at most 5 characters)");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(definition).count()).isZero();

    forms.submitStartForm(definition, Map.of("title", "short"));
    runtime.startProcessInstanceById(definition, Map.of("other", "without the title"));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(definition).count()).isEqualTo(2);
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private record Completion(String name, BiConsumer<String, Map<String, Object>> complete) {}

  private java.util.List<Completion> completions() {
    return java.util.List.of(new Completion("TaskService.complete", tasks::complete),
        new Completion("FormService.submitTaskForm", forms::submitTaskForm));
  }

  private ProcessInstance startProbe() {
    return runtime.startProcessInstanceByKey(EVERY_RULE, Map.of("stations", STATIONS, "reason", "earlier"));
  }

  private Task openTask(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static Map<String, Object> goodValues() {
    Map<String, Object> values = new HashMap<>();
    values.put("reason", "good one");
    values.put("code", "R-0001");
    values.put("mail", "wang.fang@example.cn");
    values.put("count", 3);
    values.put("choice", "A");
    values.put("station", "S1");
    values.put("extras", "[\"X\"]");
    values.put("agreed", true);
    values.put("at", "2026-11-24T10:00");
    return values;
  }

  private static Map<String, Object> goodValuesWithout(String key) {
    Map<String, Object> values = goodValues();
    values.remove(key);
    return values;
  }

  private void deploy(String name, byte[] model, byte[] form) {
    deployments.add(repository.createDeployment().name(name)
        .addString(name + ".bpmn", new String(model, java.nio.charset.StandardCharsets.UTF_8))
        .addString(name + ".form", new String(form, java.nio.charset.StandardCharsets.UTF_8))
        .deploy().getId());
  }
}
