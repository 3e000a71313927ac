package org.yizhan.camunda.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The beans a model may name: the station's own delegates and listeners ({@code ${registerOrder}},
 * {@code ${orderProgress}}), that is, beans that are a {@link JavaDelegate}, {@link ExecutionListener} or
 * {@link TaskListener} and whose class is Yizhan's ({@code org.yizhan.…}). Every other bean of the application context
 * (the engine's services, the data source, Spring's own) is out of reach of expressions, whatever their name.
 *
 * <p>The list is worked out by name on first use and kept: the application context does not change while it runs.
 */
@Component
public class ModelBeans {

  private static final String OWN_PACKAGE = "org.yizhan.";
  private static final Class<?>[] STEP_TYPES = {JavaDelegate.class, ExecutionListener.class, TaskListener.class};

  private final ApplicationContext context;
  private final Map<String, Optional<Object>> allowed = new ConcurrentHashMap<>();

  public ModelBeans(ApplicationContext context) {
    this.context = context;
  }

  /** Whether a model may name this bean. */
  public boolean allows(String name) {
    return bean(name).isPresent();
  }

  /** The bean, if a model may name it. */
  Optional<Object> bean(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return allowed.computeIfAbsent(name, this::lookUp);
  }

  private Optional<Object> lookUp(String name) {
    if (!context.containsBean(name) || !isStepType(name)) {
      return Optional.empty();
    }
    Object bean = context.getBean(name);
    return bean.getClass().getName().startsWith(OWN_PACKAGE) ? Optional.of(bean) : Optional.empty();
  }

  /** Asked before the bean is fetched, so that naming some other bean never creates it. */
  private boolean isStepType(String name) {
    for (Class<?> type : STEP_TYPES) {
      if (context.isTypeMatch(name, type)) {
        return true;
      }
    }
    return false;
  }
}
