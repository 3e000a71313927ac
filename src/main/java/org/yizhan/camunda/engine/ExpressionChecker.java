package org.yizhan.camunda.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Reads an expression without evaluating it and says what in it lies outside {@link ExpressionPolicy}, so that a
 * model or a stored filter is refused when it is saved rather than failing when it runs. The resolver
 * ({@link SafeElResolver}) enforces the same policy when the expression is evaluated, so this check is the early,
 * readable half: it cannot know the types of variables and lets reads of their properties through.
 *
 * <p>Camunda internals: the parse tree of Camunda's JUEL ({@code org.camunda.bpm.impl.juel}), parsed with the same
 * features as the engine's expression factory (method invocations, varargs), verified on 7.24.0. A property name is
 * read from {@link AstDot#toString()}, which JUEL writes as ". name".
 */
public final class ExpressionChecker {

  /** Where an expression is written, which decides what it may name. */
  public enum Where {
    /** Models: variables, execution and task, the station's steps, functions. */
    MODEL,
    /** Stored filters: the functions and date arithmetic only; there are no variables in a query. */
    STORED_QUERY
  }

  private enum Kind { SCOPE, DATE, OTHER }

  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private ExpressionChecker() {}

  /** What the text's expressions do that the policy does not allow; empty when they keep to it. */
  public static List<String> problems(String text, Where where) {
    Tree tree;
    try {
      tree = PARSER.build(text);
    } catch (TreeBuilderException unreadable) {
      return List.of("'" + abbreviate(text) + "' is not a valid expression: " + unreadable.getMessage());
    }
    List<String> problems = new ArrayList<>();
    check(tree.getRoot(), where, problems);
    if (problems.isEmpty()) {
      return List.of();
    }
    // The outermost problem reads best ("calls exec()"); the inner ones of the same expression are counted only.
    List<String> distinct = problems.stream().distinct().toList();
    String more = distinct.size() > 1 ? " (and " + (distinct.size() - 1) + " more)" : "";
    return List.of("'" + abbreviate(text) + "' " + distinct.get(0) + more);
  }

  /** Whether the text holds an expression at all (JUEL's {@code ${…}} or {@code #{…}}). */
  public static boolean holdsExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  private static void check(Node node, Where where, List<String> problems) {
    if (node instanceof AstFunction function && !ExpressionPolicy.FUNCTIONS.contains(function.getName())) {
      problems.add("calls the function " + function.getName() + "(), which is not allowed");
    } else if (node instanceof AstIdentifier identifier && where == Where.STORED_QUERY) {
      problems.add("names '" + identifier.getName() + "'; a filter may only use currentUser(), currentUserGroups(), "
          + "now() and dateTime() arithmetic");
    } else if (node instanceof AstMethod method) {
      checkCall(method, where, problems);
      // The method's name is not a property read: check what it is called on and its arguments only.
      Node property = method.getChild(0);
      check(property.getChild(0), where, problems);
      if (property instanceof AstBracket bracket) {
        check(bracket.getChild(1), where, problems);
      }
      check(method.getChild(1), where, problems);
      return;
    } else if (node instanceof AstDot dot) {
      checkRead(dot, where, problems);
    } else if (node instanceof AstBracket bracket && kind(bracket.getChild(0), where) != Kind.OTHER) {
      problems.add("reads a computed property of " + bracket.getChild(0) + ", which is not allowed");
    }
    for (int i = 0; i < node.getCardinality(); i++) {
      check(node.getChild(i), where, problems);
    }
  }

  private static void checkCall(AstMethod method, Where where, List<String> problems) {
    Node property = method.getChild(0);
    if (!(property instanceof AstDot dot)) {
      problems.add("calls a method whose name is computed, which is not allowed");
      return;
    }
    String name = nameOf(dot);
    Kind on = kind(dot.getChild(0), where);
    boolean allowed = on == Kind.SCOPE && ExpressionPolicy.SCOPE_METHODS.contains(name)
        || on == Kind.DATE && ExpressionPolicy.DATE_TIME_METHODS.contains(name);
    if (!allowed) {
      problems.add("calls " + name + "(), which is not allowed here");
    }
  }

  private static void checkRead(AstDot dot, Where where, List<String> problems) {
    String name = nameOf(dot);
    Kind on = kind(dot.getChild(0), where);
    if (on == Kind.SCOPE && ExpressionPolicy.scopeGetter(name) == null
        || on == Kind.DATE || "class".equals(name) || where == Where.STORED_QUERY) {
      problems.add("reads '" + name + "', which is not allowed");
    }
  }

  /** What a node evaluates to, as far as the policy cares: an execution or task, a dateTime(), or anything else. */
  private static Kind kind(Node node, Where where) {
    if (node instanceof AstNested nested) {
      return kind(nested.getChild(0), where);
    }
    if (node instanceof AstIdentifier identifier) {
      return where == Where.MODEL && ExpressionPolicy.SCOPE_NAMES.contains(identifier.getName())
          ? Kind.SCOPE : Kind.OTHER;
    }
    if (node instanceof AstFunction function) {
      return "dateTime".equals(function.getName()) ? Kind.DATE : Kind.OTHER;
    }
    if (node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot) {
      Kind on = kind(dot.getChild(0), where);
      String name = nameOf(dot);
      if (on == Kind.DATE && !"toDate".equals(name)) {
        return Kind.DATE;
      }
      if (on == Kind.SCOPE && ("getExecution".equals(name) || "getProcessInstance".equals(name))) {
        return Kind.SCOPE;
      }
    }
    if (node instanceof AstDot dot && kind(dot.getChild(0), where) == Kind.SCOPE) {
      String name = nameOf(dot);
      return "execution".equals(name) || "processInstance".equals(name) ? Kind.SCOPE : Kind.OTHER;
    }
    return Kind.OTHER;
  }

  private static String nameOf(AstDot dot) {
    String printed = dot.toString();
    return printed.startsWith(". ") ? printed.substring(2) : printed;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
