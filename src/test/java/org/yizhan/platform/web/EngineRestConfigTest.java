package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/** The webapps' engine API is registered only where Camunda's webapps (and their login and CSRF filters) run. */
class EngineRestConfigTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(EngineRestConfig.class)
      .withBean(CamundaBpmProperties.class);

  @Test
  void withTheWebappsTheirEngineApiGetsTheRefusalMappers() {
    context.run(app -> assertThat(app).hasSingleBean(ServletContextInitializer.class));
  }

  @Test
  void withoutTheWebappsNoEngineApiIsRegisteredOutsideTheirFilters() {
    context.withPropertyValues("camunda.bpm.webapp.enabled=false")
        .run(app -> assertThat(app).doesNotHaveBean(ServletContextInitializer.class));
  }
}
