package org.yizhan.camunda.feel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's Scala FEEL engine reading plain values only ({@link SafeScalaFeelEngine}), with each expression parsed
 * once: Camunda 7's engine parses every input expression and input entry of a decision table again on every
 * evaluation, and the hand-over decision of every placed order evaluates all its rules (hit policy ANY). It evaluates
 * exactly as Camunda's engine does (same value mappers, same custom functions, same messages on failure).
 *
 * <p>The cache is keyed by the expression's text, so a redeployed table with changed rules gets its new expressions
 * parsed; texts that no longer occur stay until the cache holds {@value #MAX_CACHED} and is emptied. Texts that fail
 * to parse are not cached, so their failure is reported on every evaluation.
 *
 * <p>Camunda internals: {@code ScalaFeelEngine}'s protected {@code feelEngine} field and input-variable name, and
 * feel-scala's parse and evaluate API (shaded). Switch: {@code yizhan.camunda.feel-parse-cache}
 * (docs/decisions/feel-parse-cache.md).
 */
class ParsedFeelCache extends SafeScalaFeelEngine {

  /** Far more distinct expressions than the station's tables hold, so that only redeployments ever fill it. */
  static final int MAX_CACHED = 10_000;

  private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

  ParsedFeelCache(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
    if (parsed == null) {
      return super.evaluateSimpleExpression(expression, variableContext); // reports the parse failure
    }
    @SuppressWarnings("unchecked")
    T value = (T) valueOf(feelEngine.eval(parsed, contextOf(variableContext)));
    return value;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
    if (parsed == null) {
      return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
    }
    // As Camunda's engine reads it: null is a miss, anything but a boolean a ClassCastException.
    Object matched = valueOf(feelEngine.eval(parsed, unaryTestsContextOf(inputVariable, variableContext)));
    return matched != null && (Boolean) matched;
  }

  /** The context Camunda's engine gives an expression: the decision's variables. */
  private static Context contextOf(VariableContext variables) {
    return new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variables);
      }
    };
  }

  /** The context Camunda's engine gives an input entry: the name of the input's variable, then the variables. */
  private Context unaryTestsContextOf(String inputVariable, VariableContext variables) {
    VariableProvider input = new StaticVariableProvider(new Map1<String, Object>(INPUT_VARIABLE_NAME, inputVariable));
    VariableProvider both = new CompositeVariableProvider(toScalaList(input, new ContextVariableWrapper(variables)));
    return new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return both;
      }
    };
  }

  private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String expression,
      Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parser) {
    ParsedExpression known = cache.get(expression);
    if (known != null) {
      return known;
    }
    Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> result = parser.apply(expression);
    if (result instanceof Right<?, ParsedExpression> right) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear(); // texts of tables redeployed again and again; the ones in use come back at their next use
      }
      cache.put(expression, right.value());
      return right.value();
    }
    return null;
  }

  private static Object valueOf(Either<org.camunda.feel.FeelEngine.Failure, Object> result) {
    if (result instanceof Right<?, Object> right) {
      return right.value();
    }
    String message = ((Left<org.camunda.feel.FeelEngine.Failure, ?>) result).value().message();
    throw LOGGER.evaluationException(message);
  }
}
