package org.yizhan.camunda.engine;

import java.lang.reflect.Method;

import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.springframework.context.ApplicationContext;

/**
 * Camunda's Spring expression manager with Yizhan's resolver ({@link SafeElResolver}) instead of Camunda's chain,
 * and with only the functions of {@link ExpressionPolicy#FUNCTIONS}, whatever else a plugin may have registered.
 * Every expression the engine evaluates goes through it: models, DMN's JUEL, stored filters and task queries.
 *
 * <p>Camunda internals: {@code createElResolver} and {@code createFunctionMapper} are protected hooks of Camunda's
 * {@code JuelExpressionManager} (engine impl package), verified on 7.24.0; the expression manager is set by
 * {@link EngineSafetyPlugin}. Operaton keeps the same class under its own package.
 */
class SafeExpressionManager extends SpringExpressionManager {

  private final ModelBeans beans;

  SafeExpressionManager(ApplicationContext applicationContext, ModelBeans beans) {
    super(applicationContext, null);
    this.beans = beans;
  }

  @Override
  protected ELResolver createElResolver() {
    return new SafeElResolver(beans);
  }

  @Override
  protected FunctionMapper createFunctionMapper() {
    FunctionMapper registered = super.createFunctionMapper();
    return new FunctionMapper() {
      @Override
      public Method resolveFunction(String prefix, String localName) {
        boolean unprefixed = prefix == null || prefix.isBlank();
        return unprefixed && ExpressionPolicy.FUNCTIONS.contains(localName)
            ? registered.resolveFunction(prefix, localName) : null;
      }
    };
  }
}
