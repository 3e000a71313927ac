package org.yizhan.camunda.engine;

import java.util.Set;

/**
 * The safe set of expressions: what an expression evaluated by Yizhan's engine may reach, whether it comes from a
 * model, a stored Tasklist filter or anywhere else. One list, read by the resolver that enforces it when an expression
 * is evaluated ({@link SafeElResolver}) and by the check that refuses a model before it is deployed
 * ({@link ExpressionChecker}).
 *
 * <ul>
 *   <li>process variables, and entries of maps, lists and arrays among them ({@code triage.gridDeadline});</li>
 *   <li>the station's own delegates and listeners, by bean name ({@link ModelBeans});</li>
 *   <li>{@code execution} and {@code task}, with the accessors listed in {@link #SCOPE_METHODS} only;</li>
 *   <li>the functions Tasklist's filters use ({@link #FUNCTIONS}) and the date arithmetic of {@code dateTime()}
 *       ({@link #DATE_TIME_METHODS});</li>
 *   <li>literals and EL's operators.</li>
 * </ul>
 * Nothing else: no other method call (so no {@code getClass()}, no reflection), no bean properties of arbitrary
 * objects, no other bean, no static call.
 */
public final class ExpressionPolicy {

  /** Functions an expression may call: the ones Camunda registers for Tasklist's filters. */
  public static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");

  /** The names a model uses for the execution or task the expression runs in. */
  public static final Set<String> SCOPE_NAMES = Set.of("execution", "task");

  /**
   * Methods of {@code execution} and {@code task} (Camunda's {@code DelegateExecution}, {@code DelegateTask} and
   * {@code VariableScope}) a model may call, or read as a property ({@code execution.processBusinessKey}): variables,
   * and what identifies the running step. {@code getExecution} and {@code getProcessInstance} lead to another
   * execution, which is held to the same list.
   */
  public static final Set<String> SCOPE_METHODS = Set.of(
      "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "setVariable", "setVariableLocal",
      "removeVariable", "removeVariableLocal",
      "getId", "getProcessInstanceId", "getProcessBusinessKey", "getBusinessKey", "getProcessDefinitionId",
      "getActivityInstanceId", "getCurrentActivityId", "getCurrentActivityName", "getEventName", "getTenantId",
      "getName", "getTaskDefinitionKey", "getAssignee", "getOwner", "getExecutionId", "getDueDate",
      "getFollowUpDate", "getPriority", "getCreateTime", "getDescription", "getExecution", "getProcessInstance");

  /** Methods of the date {@code dateTime()} returns: whole-number arithmetic and the conversion to a date. */
  public static final Set<String> DATE_TIME_METHODS = Set.of(
      "plusYears", "plusMonths", "plusWeeks", "plusDays", "plusHours", "plusMinutes", "plusSeconds", "plusMillis",
      "minusYears", "minusMonths", "minusWeeks", "minusDays", "minusHours", "minusMinutes", "minusSeconds",
      "minusMillis", "toDate");

  private ExpressionPolicy() {}

  /** The getter a property of {@code execution} or {@code task} reads, if the list allows it. */
  static String scopeGetter(String property) {
    if (property == null || property.isEmpty()) {
      return null;
    }
    String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    String getter = "get" + capitalised;
    return SCOPE_METHODS.contains(getter) ? getter : null;
  }

  /** A sentence for whoever wrote the expression, Chinese first. */
  static String refusal(String what) {
    return "表达式不在驿站允许的范围内 (The expression " + what + ", which the station does not allow. Expressions may "
        + "use process variables, execution and task variables, the station's own steps, currentUser(), "
        + "currentUserGroups(), now() and dateTime() arithmetic)";
  }
}
