package org.yizhan.camunda.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.query.Query;

/**
 * Task queries and expressions, inside the engine, whichever API a query comes through (CVE-2026-109432).
 *
 * <ul>
 *   <li>An ad-hoc task query (one a client builds: {@code GET/POST …/task}, {@code …/task/count}, and the query a
 *       client sends along when it runs a filter) evaluates no expression at all, in {@code orQueries} neither.
 *       Camunda's own switch ({@code enableExpressionsInAdhocQueries=false}) looks at the top level only.</li>
 *   <li>A filter is saved only if the expressions of its query, {@code orQueries} included, keep to the functions
 *       Tasklist's filters use ({@link ExpressionChecker.Where#STORED_QUERY}).</li>
 * </ul>
 * Both are refused with a "bad user request", which the REST API answers with 400. Expressions that are evaluated
 * anyway (stored filters) go through {@link SafeExpressionManager}, which holds them to the same set.
 *
 * <p>Camunda internals: a command interceptor (engine impl package) placed before the engine's own; the task query
 * is its own command ({@code TaskQueryImpl}); the filter commands keep the extending query and the filter in
 * protected fields, read here by reflection, which fails closed (the command is refused) if a later version renames
 * them. Verified on 7.24.0; it can go when Camunda checks {@code orQueries} itself.
 */
class QueryExpressionGuard extends CommandInterceptor {

  private static final Field EXTENDING_QUERY = CommandFields.of(AbstractExecuteFilterCmd.class, "extendingQuery");
  private static final Field SAVED_FILTER = CommandFields.of(SaveFilterCmd.class, "filter");

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof TaskQueryImpl query) {
      refuseAnyExpression(query, "task query");
    } else if (command instanceof AbstractExecuteFilterCmd filterCommand
        && CommandFields.read(EXTENDING_QUERY, filterCommand) instanceof TaskQueryImpl extending) {
      refuseAnyExpression(extending, "query sent with a filter");
    } else if (command instanceof SaveFilterCmd save
        && CommandFields.read(SAVED_FILTER, save) instanceof Filter filter) {
      refuseUnsafeStoredExpressions(filter);
    }
    return next.execute(command);
  }

  private static void refuseAnyExpression(TaskQueryImpl query, String what) {
    List<String> found = expressions(query).stream().map(Expression::describe).toList();
    if (!found.isEmpty()) {
      throw new UnsafeExpressionException("任务查询中不能使用表达式 (A " + what + " may not hold expressions; found "
          + String.join(", ", found) + "). Saved Tasklist filters may use currentUser(), currentUserGroups(), "
          + "now() and dateTime() arithmetic");
    }
  }

  private static void refuseUnsafeStoredExpressions(Filter filter) {
    Query<?, ?> query = filter.getQuery();
    if (!(query instanceof TaskQueryImpl taskQuery)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Expression expression : expressions(taskQuery)) {
      ExpressionChecker.problems(expression.text(), ExpressionChecker.Where.STORED_QUERY)
          .forEach(problem -> problems.add(expression.criterion() + ": " + problem));
    }
    if (!problems.isEmpty()) {
      throw new UnsafeExpressionException("过滤器中的表达式不被允许 (The filter '" + filter.getName() + "' was not saved: "
          + String.join("; ", problems) + ")");
    }
  }

  private record Expression(String criterion, String text) {
    String describe() {
      return criterion + " = " + (text.length() <= 60 ? text : text.substring(0, 57) + "...");
    }
  }

  /** Every expression of the query and of each of its {@code orQueries}, with where it was found. */
  private static List<Expression> expressions(TaskQueryImpl query) {
    List<Expression> found = new ArrayList<>();
    List<TaskQueryImpl> queries = query.getQueries();
    for (int i = 0; i < queries.size(); i++) {
      String where = i == 0 ? "" : "orQueries[" + (i - 1) + "].";
      for (Map.Entry<String, String> expression : queries.get(i).getExpressions().entrySet()) {
        found.add(new Expression(where + expression.getKey(), expression.getValue()));
      }
    }
    return found;
  }
}
