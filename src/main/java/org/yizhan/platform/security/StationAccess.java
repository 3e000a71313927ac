package org.yizhan.platform.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each station group may do in the engine, and the Tasklist filters everybody starts with. Runs at every
 * start, in every profile, and only adds what is missing: an administrator's later changes in Camunda Admin stay.
 *
 * <p>Task permissions themselves come from the models: with authorization checks on, the engine lets a task's
 * candidate group read and work it.
 */
@Component
@Order(15)
public class StationAccess implements ApplicationRunner {

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";
  static final String FILTER_OWNER = "admin";

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;

  public StationAccess(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    for (String group : StationGroups.TASK_WORKERS) {
      grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
      grant(group, Resources.FILTER, ANY, Permissions.READ);
      // Tasklist shows the process's name and diagram beside a task and loads its forms.
      grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    }
    for (String group : StationGroups.ORDER_DESK) {
      // Take orders through the start form or POST /api/orders. Cancelling goes through POST /api/orders/{no}/cancel,
      // which checks the caller and the order and then cancels as the station: UPDATE_INSTANCE would also let a
      // volunteer suspend, modify or set variables of every order.
      grant(group, Resources.PROCESS_DEFINITION, "station-order", ProcessDefinitionPermissions.CREATE_INSTANCE,
          ProcessDefinitionPermissions.READ_INSTANCE);
      revoke(group, Resources.PROCESS_DEFINITION, "station-order", ProcessDefinitionPermissions.UPDATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // Station managers start deliveries that are not orders (meal and vegetable rounds).
    grant(StationGroups.MANAGERS, Resources.PROCESS_DEFINITION, "doorstep-delivery",
        ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Any staff user registers disputes; who may read a case is decided per case (see DisputeService).
    for (String group : List.of(StationGroups.VOLUNTEERS, StationGroups.MANAGERS, StationGroups.BUILDING_HEADS,
        StationGroups.GRID_WORKERS, StationGroups.MEDIATION_COMMITTEE, StationGroups.GOVERNANCE_CENTRE)) {
      grant(group, Resources.PROCESS_DEFINITION, "mediation-escalation", ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // Station managers watch the station in Cockpit and see every task, not only their group's.
    grant(StationGroups.MANAGERS, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    grant(StationGroups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    grant(StationGroups.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    // Managers redesign the processes in Modeler and deploy them with its Deploy button.
    grant(StationGroups.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ, Permissions.CREATE);
    // ... and move running instances to the new version (POST /api/models/{key}/migrate).
    grant(StationGroups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.MIGRATE_INSTANCE);
    // Only migration batches: BATCH CREATE on everything would also allow batch deletes of instances and history.
    grant(StationGroups.MANAGERS, Resources.BATCH, ANY, BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES,
        Permissions.READ);
    revoke(StationGroups.MANAGERS, Resources.BATCH, ANY, Permissions.CREATE);
    grant(StationGroups.MANAGERS, Resources.TASK, ANY, Permissions.READ);
    // ... and know their volunteers (points, prizes).
    grant(StationGroups.MANAGERS, Resources.USER, ANY, Permissions.READ);
    grant(StationGroups.MANAGERS, Resources.GROUP, ANY, Permissions.READ);

    createTasklistFilters();
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  /** Takes permissions back that earlier versions of the station granted, so an existing database follows suit. */
  private void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null || Arrays.stream(permissions).noneMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.removePermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  private void createTasklistFilters() {
    String myGroups = "${currentUserGroups()}";
    createFilter("My group's open tasks (本组待办)", -10, "#2f7d32",
        "Tasks offered to your groups that nobody has claimed yet (本组尚未认领的任务)",
        tasks.createTaskQuery().taskCandidateGroupInExpression(myGroups).taskUnassigned()
            .orderByTaskCreateTime().asc());
    createFilter("Claimed by me (我认领的)", -5, "#1565c0", "Tasks you have claimed (您已认领的任务)",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    createFilter("Overdue (已超时)", 0, "#c62828",
        "Your groups' tasks past their due time, claimed or not (本组已超过期限的任务)",
        tasks.createTaskQuery().taskCandidateGroupInExpression(myGroups).includeAssignedTasks()
            .dueBeforeExpression("${now()}").orderByDueDate().asc());
  }

  private void createFilter(String name, int priority, String color, String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name)
        .setOwner(FILTER_OWNER)
        .setQuery(query)
        .setProperties(Map.of(
            "priority", priority,
            "color", color,
            "description", description,
            "refresh", true,
            "variables", List.of(
                Map.of("name", "orderNo", "label", "Order (订单号)"),
                Map.of("name", "residentArea", "label", "Area (片区)"),
                Map.of("name", "deliveryMode", "label", "Hand-over (交付方式)"),
                Map.of("name", "deliveryNo", "label", "Delivery (配送单号)"),
                Map.of("name", "caseNo", "label", "Case (案件号)"))));
    filters.saveFilter(filter);
  }
}
