package org.yizhan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;

/** The bean names are the ones Spring Boot's Flyway and Camunda's starter auto-configuration give. */
class StartupOrderTest {

  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

  @Test
  void flywayWaitsForTheStartupLockAndTheEngineForBoth() {
    beans.registerBeanDefinition(StartupLock.BEAN_NAME, new RootBeanDefinition(StartupLock.class));
    beans.registerBeanDefinition("flyway", new RootBeanDefinition(Flyway.class));
    beans.registerBeanDefinition("flywayInitializer", new RootBeanDefinition(FlywayMigrationInitializer.class));
    RootBeanDefinition engine = new RootBeanDefinition(ProcessEngineFactoryBean.class);
    engine.setDependsOn("somethingOfItsOwn");
    beans.registerBeanDefinition("processEngineFactoryBean", engine);

    new StartupOrder().postProcessBeanFactory(beans);

    assertThat(beans.getBeanDefinition("flyway").getDependsOn()).containsExactly(StartupLock.BEAN_NAME);
    assertThat(beans.getBeanDefinition("flywayInitializer").getDependsOn()).containsExactly(StartupLock.BEAN_NAME);
    assertThat(beans.getBeanDefinition("processEngineFactoryBean").getDependsOn()).containsExactly(
        "somethingOfItsOwn", StartupLock.BEAN_NAME, "flyway", "flywayInitializer");
    assertThat(beans.getBeanDefinition(StartupLock.BEAN_NAME).getDependsOn()).isNullOrEmpty();
  }

  @Test
  void withoutFlywayTheEngineStillWaitsForTheStartupLock() {
    beans.registerBeanDefinition(StartupLock.BEAN_NAME, new RootBeanDefinition(StartupLock.class));
    beans.registerBeanDefinition("processEngineFactoryBean", new RootBeanDefinition(ProcessEngineFactoryBean.class));

    new StartupOrder().postProcessBeanFactory(beans);

    assertThat(beans.getBeanDefinition("processEngineFactoryBean").getDependsOn())
        .containsExactly(StartupLock.BEAN_NAME);
  }
}
