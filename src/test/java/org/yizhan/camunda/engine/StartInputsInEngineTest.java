package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.order.OrderProcess;
import org.yizhan.platform.security.StationGroups;

/**
 * What a start may carry, through every Java way of starting a process (by key, by id, by submitting the start form),
 * for a signed-in user who is no administrator: the start form's fields and nothing else.
 */
@StationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartInputsInEngineTest {

  private static final String WITH_FORM = "start-inputs-probe";
  private static final String WITHOUT_FORM = "start-inputs-formless-probe";
  private static final String USER = "start.probe";
  private static final String FORM = "{\"id\": \"start-probe\", \"type\": \"default\", \"components\": ["
      + "{\"type\": \"textfield\", \"id\": \"Field_Title\", \"key\": \"title\", \"label\": \"标题 (Title)\"},"
      + "{\"type\": \"group\", \"id\": \"Group_More\", \"label\": \"更多 (More)\", \"components\": ["
      + "{\"type\": \"number\", \"id\": \"Field_Count\", \"key\": \"count\", \"label\": \"数量 (Count)\"}]}]}";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  private final List<String> deployments = new ArrayList<>();
  private final List<String> grants = new ArrayList<>();

  /** The ways a process starts from its start event, each by the process's key. */
  private final Map<String, Starter> starters = Map.of(
      "by key", (key, variables) -> runtime.createProcessInstanceByKey(key).setVariables(variables).execute(),
      "by id", (key, variables) -> runtime.startProcessInstanceById(latest(key), variables),
      "start form", (key, variables) -> forms.submitStartForm(latest(key), variables));

  interface Starter {
    ProcessInstance start(String key, Map<String, Object> variables);
  }

  @BeforeAll
  void deployTheProbesAndLetTheUserStartThem() {
    deploy(WITH_FORM, true);
    deploy(WITHOUT_FORM, false);
    for (String key : List.of(WITH_FORM, WITHOUT_FORM)) {
      grant(Resources.PROCESS_DEFINITION, key, Permissions.CREATE_INSTANCE, Permissions.READ);
    }
    grant(Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }

  @AfterAll
  void removeTheProbes() {
    grants.forEach(authorizations::deleteAuthorization);
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"placedBy", "registeredBy", "acceptedBy", "orderNo", "total", "caseNo", "anythingElse"})
  void valueThatIsNoFieldOfTheStartFormIsRefusedWithItsNameAndNothingStarts(String name) {
    long before = instancesOf(WITH_FORM);
    signIn(StationGroups.VOLUNTEERS);
    starters.forEach((way, starter) -> {
      assertThatThrownBy(() -> starter.start(WITH_FORM, Map.of("title", "fine", name, "wang.fang"))).as(way)
          .isInstanceOf(BadUserRequestException.class)
          .hasMessage("不能由请求填写: " + name + " (" + name + " is not a field of the start form: the station works "
              + "it out itself; leave it out of the request. The start form's fields: title, count)");
    });
    assertThat(instancesOf(WITH_FORM)).isEqualTo(before);
  }

  @Test
  void everyStrangerIsNamedAtOnce() {
    signIn(StationGroups.VOLUNTEERS);
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(WITH_FORM, Map.of("total", 1, "placedBy", "x")))
        .hasMessageStartingWith("不能由请求填写: placedBy, total (placedBy, total are not fields of the start form: "
            + "the station works them out itself; leave them out of the request.");
  }

  @Test
  void fieldsOfTheStartFormGoInWhicheverWayTheProcessStarts() {
    signIn(StationGroups.VOLUNTEERS);
    Map<String, String> started = new java.util.HashMap<>();
    starters.forEach((way, starter) ->
        started.put(way, starter.start(WITH_FORM, Map.of("title", "fine", "count", 2)).getId()));
    String withoutValues = runtime.startProcessInstanceByKey(WITH_FORM).getId();
    identity.clearAuthentication();

    started.forEach((way, id) ->
        assertThat(runtime.getVariables(id)).as(way).containsEntry("title", "fine").containsEntry("count", 2));
    assertThat(runtime.getVariables(withoutValues)).isEmpty();
  }

  @Test
  void fieldOfTheStartFormMayNotBeASerializedObject() {
    long before = instancesOf(WITH_FORM);
    signIn(StationGroups.VOLUNTEERS);
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(WITH_FORM,
            Variables.createVariables().putValueTyped("title",
                Variables.serializedObjectValue("{}").serializationDataFormat("application/json")
                    .objectTypeName("java.util.HashMap").create())))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("title 只能是文字、数字、是否或日期")
        .hasMessageContaining("not object");
    assertThat(instancesOf(WITH_FORM)).isEqualTo(before);
  }

  @Test
  void processWithoutAStartFormStartsWithoutValuesFromTheCaller() {
    long before = instancesOf(WITHOUT_FORM);
    signIn(StationGroups.MANAGERS);
    starters.forEach((way, starter) ->
        assertThatThrownBy(() -> starter.start(WITHOUT_FORM, Map.of("title", "fine"))).as(way)
            .isInstanceOf(BadUserRequestException.class)
            .hasMessage("不能由请求填写: title (this process has no start form: the station works out what it needs "
                + "itself; leave title out of the request)"));
    assertThat(instancesOf(WITHOUT_FORM)).isEqualTo(before);

    runtime.startProcessInstanceByKey(WITHOUT_FORM);
    assertThat(instancesOf(WITHOUT_FORM)).isEqualTo(before + 1);
  }

  @Test
  void administratorsAndTheStationItselfStartWithAnyValues() {
    Map<String, Object> values = Map.of("title", "fine", "placedBy", "wang.fang", "total", 1);
    identity.setAuthentication("admin", List.of(StationGroups.ADMINS));
    starters.forEach((way, starter) -> assertThat(starter.start(WITH_FORM, values)).as(way).isNotNull());
    identity.clearAuthentication();
    starters.forEach((way, starter) -> assertThat(starter.start(WITH_FORM, values)).as(way).isNotNull());
    assertThat(runtime.startProcessInstanceByKey(WITHOUT_FORM, values)).isNotNull();
  }

  @Test
  void theStationsOwnProcessesTakeTheirStartFormsFields() {
    signIn(StationGroups.VOLUNTEERS);
    for (Map.Entry<String, String> worked : Map.of(OrderProcess.KEY, OrderProcess.PLACED_BY, MediationProcess.KEY,
        MediationProcess.REGISTERED_BY).entrySet()) {
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey(worked.getKey(), Map.of(worked.getValue(), USER)))
          .isInstanceOf(BadUserRequestException.class)
          .hasMessageStartingWith("不能由请求填写: " + worked.getValue() + " (");
    }
    assertThatThrownBy(
        () -> runtime.startProcessInstanceByKey(DeliveryProcess.KEY, Map.of(DeliveryProcess.RESIDENT_ID, "R-0001")))
        .hasMessageContaining("this process has no start form");
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private void signIn(String group) {
    identity.setAuthentication(USER, List.of(group));
  }

  /** As the station sees it, whoever is signed in. */
  private long instancesOf(String key) {
    var signedIn = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return runtime.createProcessInstanceQuery().processDefinitionKey(key).count();
    } finally {
      identity.setAuthentication(signedIn);
    }
  }

  private String latest(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
  }

  private void deploy(String key, boolean withForm) {
    var start = Bpmn.createExecutableProcess(key).name("Start probe (开始测试)").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started").name("Started (开始)");
    if (withForm) {
      start = start.camundaFormRef("start-probe").camundaFormRefBinding("deployment");
    }
    var model = start.userTask("Task_Work").name("Work (工作)").camundaCandidateGroups(StationGroups.VOLUNTEERS)
        .camundaFormRef("start-probe").camundaFormRefBinding("deployment")
        .endEvent("Event_Done").name("Done (完成)").done();
    deployments.add(repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model)
        .addString("start-probe.form", FORM).deploy().getId());
  }

  private void grant(Resources resource, String resourceId, Permissions... permissions) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(USER);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    for (Permissions permission : permissions) {
      grant.addPermission(permission);
    }
    grants.add(authorizations.saveAuthorization(grant).getId());
  }
}
