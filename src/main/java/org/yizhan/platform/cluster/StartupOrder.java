package org.yizhan.platform.cluster;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.stereotype.Component;

/**
 * The order in which a node prepares the database, the same on every start: first the start-up lock
 * ({@link StartupLock}), then Flyway's migrations of the station's own tables, then the process engine (Camunda's
 * schema check or creation, its bootstrap, the plugins that write at start). Without this Spring would create Flyway and
 * the engine in whatever order their dependencies happen to give, and neither would wait for other nodes.
 *
 * <p>Done with {@code depends-on} on the bean definitions, the same means Spring Boot uses to put database
 * initialisers before the beans that use the database.
 */
@Component
class StartupOrder implements BeanFactoryPostProcessor {

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    Set<String> migrations = names(beanFactory, Flyway.class, FlywayMigrationInitializer.class);
    Set<String> engines = names(beanFactory, ProcessEngine.class, ProcessEngineFactoryBean.class);
    if (!beanFactory.containsBeanDefinition(StartupLock.BEAN_NAME)) {
      return;
    }
    for (String migration : migrations) {
      dependOn(beanFactory.getBeanDefinition(migration), Set.of(StartupLock.BEAN_NAME));
    }
    Set<String> beforeEngine = new LinkedHashSet<>();
    beforeEngine.add(StartupLock.BEAN_NAME);
    beforeEngine.addAll(migrations);
    for (String engine : engines) {
      dependOn(beanFactory.getBeanDefinition(engine), beforeEngine);
    }
  }

  private static Set<String> names(ConfigurableListableBeanFactory beanFactory, Class<?>... types) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> type : types) {
      for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
        String beanName = BeanFactoryUtils.transformedBeanName(name);
        if (beanFactory.containsBeanDefinition(beanName)) {
          names.add(beanName);
        }
      }
    }
    return names;
  }

  private static void dependOn(BeanDefinition definition, Set<String> first) {
    Set<String> dependsOn = new LinkedHashSet<>();
    if (definition.getDependsOn() != null) {
      dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
    }
    dependsOn.addAll(first);
    definition.setDependsOn(dependsOn.toArray(String[]::new));
  }
}
