package org.yizhan.platform.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes the engine's grants follow the station's permission table ({@link StationPermissions}) at every start, in
 * every profile, and creates the Tasklist filters everybody starts with. For each group of the table's roles
 * (administrators aside, who hold Camunda's own grant of everything), the grants on the station's resources (a whole
 * resource type, a process or decision key, an application) become exactly what the table's lines give: a permission
 * granted by hand in Camunda Admin, or by an earlier version of the station, is taken back. Grants on single tasks,
 * instances and filters are the engine's own bookkeeping and stay.
 *
 * <p>Tasks themselves are granted by the engine: a task's candidate groups, and whoever claims it, get READ and
 * TASK_WORK on it ({@code default-user-permission-name-for-task}); tasks of an older database that still carry UPDATE
 * are brought down to TASK_WORK here.
 */
@Component
@Order(15)
public class StationAccess implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StationAccess.class);

  static final String FILTER_OWNER = "admin";

  /**
   * The variables Tasklist's filters show on each task card: the task's number (order, delivery or case), its area
   * (building and grid, never a flat), the hand-over in words, and on a merchant's task what that merchant supplies.
   */
  private static final Map<String, String> TASK_CARD_LABELS = linked(
      "orderNo", "订单号 (Order)",
      "residentArea", "片区 (Area)",
      "handOverText", "交付方式 (Hand-over)",
      "deliveryNo", "配送单号 (Delivery)",
      "caseNo", "案件号 (Case)",
      "supplyText", "要供的货 (To supply)");
  /** The card variable that showed the hand-over raw (DOORSTEP); a filter still listing it gets the worded one. */
  private static final String FORMER_HAND_OVER_VARIABLE = "deliveryMode";
  private static final String HAND_OVER_VARIABLE = "handOverText";
  /** Shown on merchants' cards; added to a filter that is brought from the raw hand-over to the worded one. */
  private static final String SUPPLY_VARIABLE = "supplyText";
  /** The labels of the cards before names put Chinese first; a filter still showing one gets the label above. */
  private static final Map<String, String> FORMER_TASK_CARD_LABELS = linked(
      "Order (订单号)", "订单号 (Order)",
      "Area (片区)", "片区 (Area)",
      "Hand-over (交付方式)", "交付方式 (Hand-over)",
      "Delivery (配送单号)", "配送单号 (Delivery)",
      "Case (案件号)", "案件号 (Case)");
  public static final List<String> TASK_CARD_VARIABLES = List.copyOf(TASK_CARD_LABELS.keySet());
  /**
   * The card variables a task worker may search tasks by ({@code processVariables}): those kept with the whole process
   * (numbers, area, hand-over). {@code supplyText} is local to each merchant's task, so it is not searchable as a
   * process variable; a task's own variables may be searched anyway (see TaskQueryVariables).
   */
  public static final List<String> SEARCHABLE_TASK_VARIABLES = TASK_CARD_VARIABLES.stream()
      .filter(name -> !name.equals(SUPPLY_VARIABLE)).toList();

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final StationPermissions table;

  public StationAccess(AuthorizationService authorizations, FilterService filters, TaskService tasks,
      StationPermissions table) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.table = table;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    Map<String, Map<GrantKey, Set<Permission>>> wanted = grantsByGroup();
    wanted.forEach(this::follow);
    int tasksNarrowed = narrowTaskGrantsToWork();
    if (tasksNarrowed > 0) {
      LOG.info("{} task grants narrowed from UPDATE to TASK_WORK", tasksNarrowed);
    }
    createTasklistFilters();
  }

  /** A resource of the engine, as a grant names it. */
  record GrantKey(Resource resource, String resourceId) {}

  /** What the table gives each group, merged over its lines. */
  Map<String, Map<GrantKey, Set<Permission>>> grantsByGroup() {
    Map<String, Map<GrantKey, Set<Permission>>> byGroup = new TreeMap<>();
    for (StationPermissions.Role role : table.roles()) {
      if (!role.id().equals(StationPermissions.ADMINISTRATOR)) {
        role.groups().forEach(group -> byGroup.put(group, new LinkedHashMap<>()));
      }
    }
    for (StationPermissions.Line line : table.lines()) {
      for (String role : line.roles()) {
        if (role.equals(StationPermissions.ADMINISTRATOR)) {
          continue;
        }
        for (String group : table.role(role).groups()) {
          for (StationPermissions.Grant grant : line.grants()) {
            byGroup.get(group).computeIfAbsent(new GrantKey(grant.resource(), grant.resourceId()),
                key -> new LinkedHashSet<>()).addAll(grant.permissions());
          }
        }
      }
    }
    return byGroup;
  }

  /** Makes the group's grants on the station's resources exactly the wanted ones. */
  private void follow(String groupId, Map<GrantKey, Set<Permission>> wanted) {
    for (Authorization existing : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).list()) {
      GrantKey key = new GrantKey(resourceOf(existing.getResourceType()), existing.getResourceId());
      if (key.resource() != null && stationResource(key) && !wanted.containsKey(key)) {
        LOG.info("Taking back {} grant on {} {}: no line of {} gives it", groupId, key.resource().resourceName(),
            key.resourceId(), StationPermissions.LOCATION);
        authorizations.deleteAuthorization(existing.getId());
      }
    }
    wanted.forEach((key, permissions) -> grantExactly(groupId, key, permissions));
  }

  /**
   * Grants the table is about: a whole resource type, or a resource named by a key (processes, decisions,
   * applications). Single tasks, instances, filters and the like carry generated ids and are the engine's.
   */
  private static boolean stationResource(GrantKey key) {
    return ANY.equals(key.resourceId()) || key.resource() == Resources.APPLICATION
        || key.resource() == Resources.PROCESS_DEFINITION || key.resource() == Resources.DECISION_DEFINITION
        || key.resource() == Resources.DECISION_REQUIREMENTS_DEFINITION;
  }

  private void grantExactly(String groupId, GrantKey key, Set<Permission> permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(key.resource()).resourceId(key.resourceId())
        .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(key.resource());
      authorization.setResourceId(key.resourceId());
    } else if (sameGrant(authorization, key.resource(), permissions)) {
      return;
    }
    authorization.setPermissions(permissions.toArray(Permission[]::new));
    authorizations.saveAuthorization(authorization);
  }

  /** Compared by name: Camunda's permission enums repeat the generic ones (READ is in several). */
  private static boolean sameGrant(Authorization authorization, Resource resource, Set<Permission> permissions) {
    return names(Arrays.asList(authorization.getPermissions(allPermissions(resource)))).equals(names(permissions));
  }

  private static Set<String> names(Collection<Permission> permissions) {
    return permissions.stream().map(Permission::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> linked(String... namesAndLabels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndLabels.length; i += 2) {
      map.put(namesAndLabels[i], namesAndLabels[i + 1]);
    }
    return map;
  }

  private static Permission[] allPermissions(Resource resource) {
    return Arrays.stream(new Permission[][] {Permissions.values(), ProcessDefinitionPermissions.values(),
            ProcessInstancePermissions.values(), TaskPermissions.values(), BatchPermissions.values()})
        .flatMap(Arrays::stream)
        .filter(permission -> permission != Permissions.ALL && permission != Permissions.NONE)
        .filter(permission -> Arrays.stream(permission.getTypes()).anyMatch(type -> type.resourceType()
            == resource.resourceType()))
        .toArray(Permission[]::new);
  }

  private static Resource resourceOf(int resourceType) {
    return Arrays.stream(Resources.values()).filter(resource -> resource.resourceType() == resourceType).findFirst()
        .orElse(null);
  }

  /**
   * Task grants made before the engine gave TASK_WORK by default carried UPDATE, which also lets a candidate change
   * the task's variables, owner and candidates.
   */
  private int narrowTaskGrantsToWork() {
    int narrowed = 0;
    for (Authorization grant : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
      if (ANY.equals(grant.getResourceId())) {
        continue;
      }
      grant.removePermission(Permissions.UPDATE);
      grant.addPermission(TaskPermissions.TASK_WORK);
      if (grant.getUserId() != null && isAssigneeOf(grant.getUserId(), grant.getResourceId())) {
        grant.addPermission(TaskPermissions.TASK_ASSIGN); // as ClaimantMayHandOn gives a new assignee
      }
      authorizations.saveAuthorization(grant);
      narrowed++;
    }
    return narrowed;
  }

  private boolean isAssigneeOf(String userId, String taskId) {
    return tasks.createTaskQuery().taskId(taskId).taskAssignee(userId).count() > 0;
  }

  private void createTasklistFilters() {
    String myGroups = "${currentUserGroups()}";
    createFilter(new StationFilter("本组待办 (My group's open tasks)", "My group's open tasks (本组待办)", -10, "#2f7d32",
        "本组尚未认领的任务 (Tasks offered to your groups that nobody has claimed yet)",
        "Tasks offered to your groups that nobody has claimed yet (本组尚未认领的任务)"),
        tasks.createTaskQuery().taskCandidateGroupInExpression(myGroups).taskUnassigned()
            .orderByTaskCreateTime().asc());
    createFilter(new StationFilter("我认领的 (Claimed by me)", "Claimed by me (我认领的)", -5, "#1565c0",
        "您已认领的任务 (Tasks you have claimed)", "Tasks you have claimed (您已认领的任务)"),
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    createFilter(new StationFilter("已超时 (Overdue)", "Overdue (已超时)", 0, "#c62828",
        "本组已超过期限的任务，无论是否已认领 (Your groups' tasks past their due time, claimed or not)",
        "Your groups' tasks past their due time, claimed or not (本组已超过期限的任务)"),
        tasks.createTaskQuery().taskCandidateGroupInExpression(myGroups).includeAssignedTasks()
            .dueBeforeExpression("${now()}").orderByDueDate().asc());
    wordHandOverOnCards();
  }

  /**
   * Every task filter (the station's and any a manager made) that still shows the raw hand-over ({@code deliveryMode},
   * read as DOORSTEP or PICKUP) shows the worded one in its place, with its label, and gets the merchant's supply line
   * if it lacks it; the filter keeps its id, query, owner, grants and its other card variables.
   */
  private void wordHandOverOnCards() {
    for (Filter filter : filters.createFilterQuery().filterResourceType("Task").list()) {
      Map<String, Object> properties = filter.getProperties();
      if (properties != null && properties.get("variables") instanceof List<?> variables
          && shows(variables, FORMER_HAND_OVER_VARIABLE)) {
        Map<String, Object> changed = new LinkedHashMap<>(properties);
        changed.put("variables", wordedHandOver(variables));
        filter.setProperties(changed);
        filters.saveFilter(filter);
        LOG.info("Tasklist filter {} ('{}') shows the hand-over in words ({} instead of {})", filter.getId(),
            filter.getName(), HAND_OVER_VARIABLE, FORMER_HAND_OVER_VARIABLE);
      }
    }
  }

  private static List<Object> wordedHandOver(List<?> variables) {
    List<Object> worded = new java.util.ArrayList<>();
    boolean handOverShown = shows(variables, HAND_OVER_VARIABLE);
    for (Object variable : variables) {
      if (!(variable instanceof Map<?, ?> shown) || !FORMER_HAND_OVER_VARIABLE.equals(shown.get("name"))) {
        worded.add(variable);
      } else if (!handOverShown) {
        worded.add(Map.of("name", HAND_OVER_VARIABLE, "label", TASK_CARD_LABELS.get(HAND_OVER_VARIABLE)));
        handOverShown = true;
      }
    }
    if (!shows(worded, SUPPLY_VARIABLE)) {
      worded.add(Map.of("name", SUPPLY_VARIABLE, "label", TASK_CARD_LABELS.get(SUPPLY_VARIABLE)));
    }
    return worded;
  }

  private static boolean shows(List<?> variables, String name) {
    return variables.stream().anyMatch(variable -> variable instanceof Map<?, ?> shown && name.equals(shown.get("name")));
  }

  /**
   * A filter everybody starts with; {@code formerName} and {@code formerDescription} are what the station called it
   * before names put Chinese first (English first then).
   */
  record StationFilter(String name, String formerName, int priority, String color, String description,
      String formerDescription) {}

  /**
   * Creates the filter if it is missing. A database made by an earlier version holds it under its former name: that
   * filter is renamed in place, so its id, query, owner and grants stay, and links to it keep working.
   */
  private void createFilter(StationFilter wanted, TaskQuery query) {
    if (filters.createFilterQuery().filterName(wanted.name()).count() > 0) {
      return;
    }
    List<Filter> former = filters.createFilterQuery().filterName(wanted.formerName()).list();
    if (!former.isEmpty()) {
      for (Filter filter : former) {
        rename(filter, wanted);
      }
      return;
    }
    Filter filter = filters.newTaskFilter(wanted.name())
        .setOwner(FILTER_OWNER)
        .setQuery(query)
        .setProperties(Map.of(
            "priority", wanted.priority(),
            "color", wanted.color(),
            "description", wanted.description(),
            "refresh", true,
            "variables", TASK_CARD_LABELS.entrySet().stream()
                .map(variable -> Map.of("name", variable.getKey(), "label", variable.getValue())).toList()));
    filters.saveFilter(filter);
  }

  /** The new name; the description and card labels too where they are still the station's former ones. */
  private void rename(Filter filter, StationFilter wanted) {
    Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties() == null ? Map.of()
        : filter.getProperties());
    if (wanted.formerDescription().equals(properties.get("description"))) {
      properties.put("description", wanted.description());
    }
    if (properties.get("variables") instanceof List<?> variables) {
      properties.put("variables", variables.stream().map(StationAccess::relabelled).toList());
    }
    filter.setName(wanted.name());
    filter.setProperties(properties);
    filters.saveFilter(filter);
    LOG.info("Renamed the Tasklist filter {} from '{}' to '{}'", filter.getId(), wanted.formerName(), wanted.name());
  }

  private static Object relabelled(Object variable) {
    if (variable instanceof Map<?, ?> shown && shown.get("label") instanceof String label
        && FORMER_TASK_CARD_LABELS.containsKey(label)) {
      Map<Object, Object> renamed = new LinkedHashMap<>(shown);
      renamed.put("label", FORMER_TASK_CARD_LABELS.get(label));
      return renamed;
    }
    return variable;
  }
}
