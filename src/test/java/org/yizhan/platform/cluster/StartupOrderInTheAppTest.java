package org.yizhan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.yizhan.StationTest;

/** The assembled app: the engine Camunda's starter declares waits for the start-up lock and Flyway's migrations. */
@StationTest
class StartupOrderInTheAppTest {

  @Autowired
  ConfigurableListableBeanFactory beans;

  @Autowired
  StartupLock startupLock;

  @Test
  void theStartersEngineIsBuiltAfterTheStartupLockAndFlywaysMigrations() {
    assertThat(beans.getBeanDefinition("processEngineFactoryBean").getDependsOn())
        .contains(StartupLock.BEAN_NAME, "flywayInitializer");
    assertThat(beans.getBeanDefinition("flywayInitializer").getDependsOn()).contains(StartupLock.BEAN_NAME);
  }

  @Test
  void onTheEmbeddedH2NothingIsLockedOrWaitedFor() {
    assertThat(startupLock.held()).isFalse();
    assertThat(startupLock.waited()).isZero();
  }
}
