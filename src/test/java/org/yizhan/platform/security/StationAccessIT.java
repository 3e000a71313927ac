package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.yizhan.StationTest;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.order.OrderProcess;

/**
 * The grants follow the permission table at every start: what an earlier version of the station (or a hand in Camunda
 * Admin) gave the station's groups beyond the table is taken back, what the engine keeps per task stays, and tasks'
 * old UPDATE grants come down to TASK_WORK.
 */
@StationTest
class StationAccessIT {

  @Autowired StationAccess access;
  @Autowired AuthorizationService authorizations;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @Test
  void grantsBeyondTheTableAreTakenBackAtTheNextStart() {
    grant("station-volunteers", Resources.PROCESS_DEFINITION, OrderProcess.KEY,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    grant("station-managers", Resources.BATCH, "*", Permissions.CREATE);
    grant("merchants", Resources.PROCESS_INSTANCE, "*", Permissions.DELETE);
    grant("station-managers", Resources.DEPLOYMENT, "*", Permissions.CREATE);

    access.run(new DefaultApplicationArguments());

    assertThat(isGranted("station-volunteers", ProcessDefinitionPermissions.UPDATE_INSTANCE,
        Resources.PROCESS_DEFINITION, OrderProcess.KEY)).isFalse();
    assertThat(isGranted("station-volunteers", ProcessDefinitionPermissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, OrderProcess.KEY)).as("what the table gives stays").isTrue();
    assertThat(isGranted("station-managers", Permissions.CREATE, Resources.BATCH, "*")).isFalse();
    assertThat(isGranted("model-managers", BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES,
        Resources.BATCH, "*")).isTrue();
    assertThat(isGranted("merchants", Permissions.DELETE, Resources.PROCESS_INSTANCE, "*")).isFalse();
    assertThat(isGranted("station-managers", Permissions.CREATE, Resources.DEPLOYMENT, "*"))
        .as("deploying moved to the model managers").isFalse();
    assertThat(isGranted("model-managers", Permissions.CREATE, Resources.DEPLOYMENT, "*")).isTrue();
  }

  @Test
  void aTaskGrantOfAnOlderStationComesDownToTaskWorkAndTheEnginesTaskGrantsStay() {
    String instance;
    identity.setAuthentication("admin", List.of(StationGroups.ADMINS));
    try {
      instance = runtime.startProcessInstanceByKey(MediationProcess.KEY, Map.of("buildingId", "B01",
          "type", "NOISE", "parties", "301, 401", "description", "Drums")).getId();
    } finally {
      identity.clearAuthentication();
    }
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    String group = tasks.getIdentityLinksForTask(task).stream().filter(link -> link.getGroupId() != null)
        .findFirst().orElseThrow().getGroupId();
    Authorization engineGrant = taskGrant(group, task);
    assertThat(engineGrant.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(engineGrant.isPermissionGranted(Permissions.UPDATE)).as("Camunda's default is not used").isFalse();
    engineGrant.addPermission(Permissions.UPDATE);
    authorizations.saveAuthorization(engineGrant);

    access.run(new DefaultApplicationArguments());

    Authorization after = taskGrant(group, task);
    assertThat(after.isPermissionGranted(Permissions.UPDATE)).isFalse();
    assertThat(after.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(after.isPermissionGranted(Permissions.READ)).isTrue();
  }

  @Test
  void taskWorkersSearchByTheProcessWideCardVariablesAndNoLongerByTheRawHandOver() {
    identity.setAuthentication("wang.fang", List.of("station-volunteers", "grid-g01-volunteers"));
    try {
      assertThat(tasks.createTaskQuery()
          .processVariableValueEquals(OrderProcess.HAND_OVER_TEXT, "送货上门 (Carried to the door)").count())
          .as("the worded hand-over, as the card shows it").isNotNegative();
      assertThat(tasks.createTaskQuery().processVariableValueEquals("residentArea", "x").count()).isZero();
      assertThat(tasks.createTaskQuery().taskVariableValueEquals(OrderProcess.SUPPLY_TEXT, "x").count())
          .as("a task's own variable").isZero();
      for (String refused : List.of("deliveryMode", "supplyText")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.createTaskQuery()
                .processVariableValueEquals(refused, "DOORSTEP").count()).as(refused)
            .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class).hasMessageContaining("handOverText");
      }
    } finally {
      identity.clearAuthentication();
    }
    assertThat(StationAccess.SEARCHABLE_TASK_VARIABLES)
        .containsExactly("orderNo", "residentArea", "handOverText", "deliveryNo", "caseNo");
    assertThat(StationAccess.TASK_CARD_VARIABLES).containsAll(StationAccess.SEARCHABLE_TASK_VARIABLES)
        .contains("supplyText").doesNotContain("deliveryMode");
  }

  private Authorization taskGrant(String group, String task) {
    return authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(Resources.TASK).resourceId(task).singleResult();
  }

  private void grant(String group, Resources resource, String id, Permission p) {
    Authorization authorization = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(id).singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(id);
    }
    authorization.addPermission(p);
    authorizations.saveAuthorization(authorization);
  }

  private boolean isGranted(String group, Permission permission,
      Resources resource, String id) {
    return authorizations.isUserAuthorized("nobody", List.of(group), permission, resource, id);
  }
}
