package org.yizhan.camunda.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddUserIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.yizhan.platform.security.StationGroups;

/**
 * Work goes through the process, whichever API asks, for everybody signed in but administrators:
 * <ul>
 *   <li>a task is completed (or its form submitted) with the values of its form's fields and nothing else, so that
 *       completing a task cannot overwrite what the process keeps for itself (attempts, deadlines, the mediation level,
 *       who delivered); variables are not written or removed one by one;</li>
 *   <li>a process is started (by key or id, or by submitting its start form) with the values of its start form's
 *       fields and nothing else, so that what the process works out itself (who placed the order or registered the
 *       case, totals, numbers) never comes from the request; a process without a start form starts without values;
 *       </li>
 *   <li>no process is started in the middle or with its listeners skipped, and no running instance is moved,
 *       modified or restarted: that is an administrator's repair work;</li>
 *   <li>tasks are not delegated or resolved (the station does not use delegation, and resolving skips the form's
 *       rules), saved whole, or offered to other people or groups.</li>
 * </ul>
 * The station's own code (seeds, timers, Java callers without a signed-in user) is not held to it.
 *
 * <p>Camunda internals: a command interceptor before the engine's own, recognising Camunda's command classes and
 * reading the submitted values from their protected fields by reflection (verified on 7.24.0). A field that cannot be
 * read refuses the command rather than letting it through.
 */
class WorkThroughTheProcess extends CommandInterceptor {

  private static final Field CLAIM_FOR = CommandFields.of(ClaimTaskCmd.class, "userId");
  private static final Field ASSIGN_TASK = CommandFields.of(AbstractSetTaskPropertyCmd.class, "taskId");
  private static final Field ASSIGN_TO = CommandFields.of(AbstractAddIdentityLinkCmd.class, "userId");
  private static final Field COMPLETE_TASK = CommandFields.of(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = CommandFields.of(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK = CommandFields.of(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_VARIABLES = CommandFields.of(SubmitTaskFormCmd.class, "properties");
  private static final Field START_BUILDER = CommandFields.of(StartProcessInstanceCmd.class, "instantiationBuilder");
  private static final Field START_FORM_PROCESS = CommandFields.of(SubmitStartFormCmd.class, "processDefinitionId");
  private static final Field START_FORM_VARIABLES = CommandFields.of(SubmitStartFormCmd.class, "variables");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl engine;
  /**
   * Form field names by process definition and task (or start), for forms that cannot change under a process version.
   */
  private final Map<String, Set<String>> fieldsByElement = new ConcurrentHashMap<>();

  WorkThroughTheProcess(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  @Override
  public <T> T execute(Command<T> command) {
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() != null && caller.getGroupIds().contains(StationGroups.ADMINS)) {
      return next.execute(command);
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd || command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd || command instanceof ProcessInstanceModificationBatchCmd
        || command instanceof AbstractRestartProcessInstanceCmd) {
      throw new AuthorizationException("只有系统管理员可以改动流程的走向 (Starting a process in the middle, or moving, "
          + "modifying or restarting running instances, is an administrator's work; start processes from their start "
          + "and work their tasks)");
    }
    if (command instanceof ResolveTaskCmd || command instanceof DelegateTaskCmd) {
      throw new AuthorizationException("驿站不使用任务委派 (The station does not delegate tasks; claim the task or hand "
          + "it to a colleague instead)");
    }
    if (command instanceof SaveTaskCmd || command instanceof AddUserIdentityLinkCmd
        || command instanceof AddGroupIdentityLinkCmd || command instanceof SetTaskOwnerCmd
        || command instanceof DeleteIdentityLinkCmd) {
      // Saving a whole task could delegate it, change its owner or make it another task's sub-task (which deletes
      // it when that one completes); identity links decide who may see a task. Both are the process's to set.
      // Claiming, giving back and handing to a colleague (the assignee) stay with the task workers.
      throw new AuthorizationException("任务由流程分派 (Who a task is offered to, and the task itself, are set by the "
          + "process; claim it, complete it or hand it to a colleague)");
    }
    if (command instanceof SetTaskVariablesCmd || command instanceof SetExecutionVariablesCmd
        || command instanceof AbstractPatchVariablesCmd || command instanceof RemoveTaskVariablesCmd
        || command instanceof RemoveExecutionVariablesCmd) {
      // What a task worker enters goes in with the task's form; the rest the process keeps for itself.
      throw new AuthorizationException("变量由流程和表单写入 (Variables are written by the process and by completing a "
          + "task's form; writing them one by one is an administrator's repair work)");
    }
    if (command instanceof ClaimTaskCmd claim && !caller.getUserId().equals(CommandFields.read(CLAIM_FOR, claim))) {
      // Claiming takes TASK_WORK only and names the new assignee: claiming for a colleague, or for nobody, would get
      // round the rules for handing a task on.
      throw new AuthorizationException("只能为自己认领任务 (You may claim a task for yourself only; to pass it on, "
          + "claim it and hand it to a colleague the task is offered to)");
    }
    if (command instanceof AssignTaskCmd assign) {
      checkHandingOn((String) CommandFields.read(ASSIGN_TASK, assign), (String) CommandFields.read(ASSIGN_TO, assign),
          caller);
    } else if (command instanceof AbstractSetTaskPropertyCmd<?>) {
      // Due and follow-up dates, priority, name and description: the process sets them (the Overdue filter and the
      // escalations rely on the due date).
      throw new AuthorizationException("任务的期限、优先级和名称由流程设定 (A task's due date, priority and name are set "
          + "by the process)");
    }
    if (command instanceof CompleteTaskCmd complete) {
      checkSubmission(caller, (String) CommandFields.read(COMPLETE_TASK, complete),
          (Map<?, ?>) CommandFields.read(COMPLETE_VARIABLES, complete));
    } else if (command instanceof SubmitTaskFormCmd submit) {
      checkSubmission(caller, (String) CommandFields.read(SUBMIT_TASK, submit),
          (Map<?, ?>) CommandFields.read(SUBMIT_VARIABLES, submit));
    } else if (command instanceof StartProcessInstanceCmd start) {
      ProcessInstantiationBuilderImpl builder =
          (ProcessInstantiationBuilderImpl) CommandFields.read(START_BUILDER, start);
      checkStart(builder.getVariables(),
          context -> new GetDeployedProcessDefinitionCmd(builder, false).execute(context));
    } else if (command instanceof SubmitStartFormCmd submit) {
      String processDefinitionId = (String) CommandFields.read(START_FORM_PROCESS, submit);
      checkStart((Map<?, ?>) CommandFields.read(START_FORM_VARIABLES, submit), context ->
          new GetDeployedProcessDefinitionCmd(processDefinitionId, false).execute(context));
    }
    return next.execute(command);
  }

  /**
   * Giving a task back (no assignee) or handing it to a colleague: the caller must hold the task, or may take tasks
   * back from others (station managers, by the permission table), and a new assignee must be somebody the task is
   * offered to, so that nobody reaches a task (a confidential case, a resident's address) the process keeps them from.
   */
  private void checkHandingOn(String taskId, String newAssignee, Authentication caller) {
    Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      return; // not there, or not visible to the caller: the engine answers that itself
    }
    if (!caller.getUserId().equals(task.getAssignee()) && !mayTakeTasksBack(caller, task)) {
      throw new AuthorizationException("只有认领人可以退回或转交这项任务 (Only whoever has claimed this task may give it "
          + "back or hand it to a colleague)");
    }
    if (newAssignee != null && !offeredTo(task, newAssignee, caller)) {
      throw new AuthorizationException("这项任务不派给 " + newAssignee + " (This task is not offered to " + newAssignee
          + "; hand it to somebody in one of the groups it is offered to)");
    }
  }

  private boolean mayTakeTasksBack(Authentication caller, Task task) {
    if (task.getProcessDefinitionId() == null) {
      return false; // a task outside any process: only its assignee and administrators
    }
    String processKey = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
    return engine.getAuthorizationService().isUserAuthorized(caller.getUserId(), caller.getGroupIds(),
        ProcessDefinitionPermissions.TASK_ASSIGN, Resources.PROCESS_DEFINITION, processKey);
  }

  /** Whether the user is a candidate of the task; looked up as the station, since callers may not list groups. */
  private boolean offeredTo(Task task, String userId, Authentication caller) {
    List<IdentityLink> links = engine.getTaskService().getIdentityLinksForTask(task.getId());
    if (links.stream()
        .anyMatch(link -> userId.equals(link.getUserId()) && IdentityLinkType.CANDIDATE.equals(link.getType()))) {
      return true;
    }
    Set<String> candidateGroups = new TreeSet<>();
    links.stream().filter(link -> link.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(link.getType()))
        .forEach(link -> candidateGroups.add(link.getGroupId()));
    if (candidateGroups.isEmpty()) {
      return false;
    }
    IdentityService identity = engine.getIdentityService();
    identity.clearAuthentication();
    try {
      return identity.createGroupQuery().groupMember(userId).list().stream()
          .anyMatch(group -> candidateGroups.contains(group.getId()));
    } finally {
      identity.setAuthentication(caller);
    }
  }

  private void checkSubmission(Authentication caller, String taskId, Map<?, ?> variables) {
    if (taskId == null) {
      return;
    }
    Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    if (task == null) {
      return; // not there, or not visible to the caller: the engine answers that itself
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(caller.getUserId())) {
      // The group may work the task, but once somebody has claimed it, it is theirs until they hand it on.
      throw new AuthorizationException("这项任务已由别人认领 (Somebody else has claimed this task; they can give it back "
          + "or hand it to you)");
    }
    if (task.getDelegationState() == DelegationState.PENDING) {
      throw new AuthorizationException("驿站不使用任务委派 (This task was delegated; the station does not use delegation, "
          + "ask an administrator)");
    }
    if (variables == null || variables.isEmpty() || task.getCamundaFormRef() == null) {
      return;
    }
    Set<String> fields = fieldsOf(task);
    Set<String> strangers = new TreeSet<>();
    for (Object name : variables.keySet()) {
      if (!fields.contains(String.valueOf(name))) {
        strangers.add(String.valueOf(name));
      }
    }
    if (!strangers.isEmpty()) {
      throw new BadUserRequestException("表单上没有这些字段 (" + String.join(", ", strangers) + " is not a field of this "
          + "task's form; a task is completed with its form's fields only: " + String.join(", ", fields) + ")");
    }
    refuseNonPrimitiveValues(variables);
  }

  /**
   * A start carries the values of its start form's fields only; the rest the process works out itself. Which process
   * version starts is found as the start command finds it; when it cannot be found, the start command says so itself.
   */
  private void checkStart(Map<?, ?> variables, Command<ProcessDefinitionEntity> definition) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    Set<String> fields = engine.getCommandExecutorTxRequired().execute(context -> {
      ProcessDefinitionEntity process;
      try {
        process = definition.execute(context);
      } catch (ProcessEngineException notFound) {
        return null;
      }
      return process == null ? null : startFieldsOf(process, context);
    });
    if (fields == null) {
      return;
    }
    Set<String> strangers = new TreeSet<>();
    for (Object name : variables.keySet()) {
      if (!fields.contains(String.valueOf(name))) {
        strangers.add(String.valueOf(name));
      }
    }
    if (!strangers.isEmpty()) {
      String names = String.join(", ", strangers);
      boolean one = strangers.size() == 1;
      throw new BadUserRequestException("不能由请求填写: " + names + " (" + (fields.isEmpty()
          ? "this process has no start form: the station works out what it needs itself; leave " + names
              + " out of the request)"
          : names + (one ? " is not a field" : " are not fields") + " of the start form: the station works "
              + (one ? "it" : "them") + " out itself; leave " + (one ? "it" : "them") + " out of the request. The "
              + "start form's fields: " + String.join(", ", fields) + ")"));
    }
    refuseNonPrimitiveValues(variables);
  }

  private static void refuseNonPrimitiveValues(Map<?, ?> variables) {
    for (Object key : variables.keySet()) {
      String name = String.valueOf(key);
      // A variable map hands out a serialized object's value only once it is deserialized: ask for the typed value.
      Object value = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(name) : variables.get(key);
      if (value instanceof TypedValue typed && typed.getType() != null && !typed.getType().isPrimitiveValueType()) {
        // Files, bytes and serialized objects: no form of the station asks for one, and Camunda would answer some of
        // them with a 500 (a serialization format it refuses).
        throw new BadUserRequestException(name + " 只能是文字、数字、是否或日期 (" + name + " must be text, a number, "
            + "true/false or a date, not " + typed.getType().getName() + ")");
      }
    }
  }

  /** The keys of the fields of the process's start form (a Camunda Form); none without one. */
  private Set<String> startFieldsOf(ProcessDefinitionEntity process, CommandContext context) {
    CamundaFormRef form = context.runWithoutAuthorization(new GetStartFormCmd(process.getId())).getCamundaFormRef();
    if (form == null) {
      return Set.of();
    }
    return fieldsOf(form, process.getId(), "start",
        () -> context.runWithoutAuthorization(new GetDeployedStartFormCmd(process.getId())));
  }

  private Set<String> fieldsOf(Task task) {
    return fieldsOf(task.getCamundaFormRef(), task.getProcessDefinitionId(), task.getTaskDefinitionKey(),
        () -> engine.getFormService().getDeployedTaskForm(task.getId()));
  }

  /** The keys of a form's fields; read once per process version unless the form is bound to the latest version. */
  private Set<String> fieldsOf(CamundaFormRef reference, String processDefinitionId, String element,
      Supplier<InputStream> deployedForm) {
    boolean fixed = !"latest".equals(reference.getBinding()) && processDefinitionId != null;
    String versionAndElement = processDefinitionId + "#" + element;
    if (fixed) {
      Set<String> known = fieldsByElement.get(versionAndElement);
      if (known != null) {
        return known;
      }
    }
    Set<String> fields = new LinkedHashSet<>();
    try (InputStream form = deployedForm.get()) {
      collect(JSON.readTree(form).path("components"), fields);
    } catch (IOException | ProcessEngineException unreadable) {
      throw new BadUserRequestException("The form " + reference.getKey() + " cannot be read: "
          + unreadable.getMessage());
    }
    if (fixed) {
      fieldsByElement.put(versionAndElement, Collections.unmodifiableSet(fields));
    }
    return fields;
  }

  private static void collect(JsonNode components, Collection<String> keys) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collect(component.path("components"), keys);
    }
  }
}
