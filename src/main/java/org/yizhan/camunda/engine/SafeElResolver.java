package org.yizhan.camunda.engine;

import java.beans.FeatureDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.joda.time.DateTime;

/**
 * The only resolver of Yizhan's expressions: it resolves what {@link ExpressionPolicy} allows and refuses the rest
 * with an {@link UnsafeExpressionException}. It replaces Camunda's chain, which ends in a {@code BeanELResolver} that
 * reads any property and calls any method of any object by reflection ({@code ''.getClass().forName(…)}).
 *
 * <p>Names are looked up among the station's own steps ({@link ModelBeans}) first, so that no variable can stand in
 * for one, then as Camunda does (variables, {@code execution}, {@code task} and the other names of Camunda's
 * {@link VariableScopeElResolver}, then DMN's variable context). A property of a map, list or array is read as EL reads
 * it; a property or method of {@code execution} or {@code task} only when the policy lists it, and of a {@code
 * dateTime()} only its arithmetic. Nothing is written except a variable named on its own.
 */
class SafeElResolver extends ELResolver {

  private static final Class<?>[] SCOPE_TYPES = {DelegateTask.class, DelegateExecution.class, VariableScope.class};

  private final ELResolver variables = new CompositeELResolver();
  private final ELResolver collections = new CompositeELResolver();
  private final ModelBeans beans;

  SafeElResolver(ModelBeans beans) {
    this.beans = beans;
    ((CompositeELResolver) variables).add(new VariableScopeElResolver());
    ((CompositeELResolver) variables).add(new VariableContextElResolver());
    ((CompositeELResolver) collections).add(new MapELResolver(true));
    ((CompositeELResolver) collections).add(new ListELResolver(true));
    ((CompositeELResolver) collections).add(new ArrayELResolver(true));
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null) {
      // A station step before a variable of the same name: a variable sent at start as "recordSettlement" must not
      // take the place of the step the model names.
      var bean = beans.bean(String.valueOf(property));
      if (bean.isPresent()) {
        context.setPropertyResolved(true);
        return bean.get();
      }
      return variables.getValue(context, null, property);
    }
    if (isCollection(base)) {
      return collections.getValue(context, base, property);
    }
    if (base instanceof VariableScope) {
      String getter = ExpressionPolicy.scopeGetter(String.valueOf(property));
      if (getter != null) {
        Object value = call(base, scopeMethod(base, getter, 0), new Object[0]);
        context.setPropertyResolved(true);
        return value;
      }
    }
    throw refused("reads '" + property + "' of " + describe(base));
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    String name = String.valueOf(method);
    Object[] arguments = params == null ? new Object[0] : params;
    if (base instanceof VariableScope && ExpressionPolicy.SCOPE_METHODS.contains(name)) {
      Object value = call(base, scopeMethod(base, name, arguments.length), arguments);
      context.setPropertyResolved(true);
      return value;
    }
    if (base instanceof DateTime date && ExpressionPolicy.DATE_TIME_METHODS.contains(name)) {
      Object value = dateArithmetic(date, name, arguments);
      context.setPropertyResolved(true);
      return value;
    }
    throw refused("calls " + name + "() on " + describe(base));
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base == null) {
      variables.setValue(context, null, property, value);
      return;
    }
    throw refused("writes '" + property + "' of " + describe(base));
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    if (base == null) {
      return variables.isReadOnly(context, null, property);
    }
    context.setPropertyResolved(true);
    return true;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    if (base == null) {
      return variables.getType(context, null, property);
    }
    if (isCollection(base)) {
      return collections.getType(context, base, property);
    }
    return null;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? String.class : null;
  }

  private static boolean isCollection(Object base) {
    return base instanceof Map || base instanceof List || base.getClass().isArray();
  }

  /** The listed method as Camunda's public interface declares it, never a method of the implementing class. */
  private static Method scopeMethod(Object scope, String name, int parameterCount) {
    for (Class<?> type : SCOPE_TYPES) {
      if (!type.isInstance(scope)) {
        continue;
      }
      for (Method method : type.getMethods()) {
        if (method.getName().equals(name) && method.getParameterCount() == parameterCount) {
          return method;
        }
      }
    }
    throw refused("calls " + name + " with " + parameterCount + " argument(s) on " + describe(scope));
  }

  private static Object call(Object scope, Method method, Object[] arguments) {
    Class<?>[] types = method.getParameterTypes();
    Object[] converted = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      converted[i] = types[i] == String.class && arguments[i] != null ? arguments[i].toString() : arguments[i];
    }
    try {
      return method.invoke(scope, converted);
    } catch (InvocationTargetException failed) {
      throw new ELException(failed.getCause());
    } catch (IllegalAccessException | IllegalArgumentException wrongArguments) {
      throw new ELException("Cannot call " + method.getName() + " with " + List.of(converted), wrongArguments);
    }
  }

  private static Object dateArithmetic(DateTime date, String name, Object[] arguments) {
    if ("toDate".equals(name) && arguments.length == 0) {
      return date.toDate();
    }
    if (arguments.length != 1 || !(arguments[0] instanceof Number amount)) {
      throw refused("calls " + name + "() with " + List.of(arguments) + "; date arithmetic takes one whole number");
    }
    int by = Math.toIntExact(amount.longValue());
    return switch (name) {
      case "plusYears" -> date.plusYears(by);
      case "plusMonths" -> date.plusMonths(by);
      case "plusWeeks" -> date.plusWeeks(by);
      case "plusDays" -> date.plusDays(by);
      case "plusHours" -> date.plusHours(by);
      case "plusMinutes" -> date.plusMinutes(by);
      case "plusSeconds" -> date.plusSeconds(by);
      case "plusMillis" -> date.plusMillis(by);
      case "minusYears" -> date.minusYears(by);
      case "minusMonths" -> date.minusMonths(by);
      case "minusWeeks" -> date.minusWeeks(by);
      case "minusDays" -> date.minusDays(by);
      case "minusHours" -> date.minusHours(by);
      case "minusMinutes" -> date.minusMinutes(by);
      case "minusSeconds" -> date.minusSeconds(by);
      case "minusMillis" -> date.minusMillis(by);
      default -> throw refused("calls " + name + "() on a date");
    };
  }

  private static String describe(Object base) {
    if (base instanceof DelegateTask) {
      return "the task";
    }
    if (base instanceof VariableScope) {
      return "the execution";
    }
    return "a value of type " + base.getClass().getSimpleName();
  }

  private static UnsafeExpressionException refused(String what) {
    return new UnsafeExpressionException(ExpressionPolicy.refusal(what));
  }
}
