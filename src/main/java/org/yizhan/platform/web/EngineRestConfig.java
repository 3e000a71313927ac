package org.yizhan.platform.web;

import java.util.List;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yizhan.camunda.webapp.WebappEngineApi;

/**
 * What Yizhan adds to the engine's two REST APIs: {@code /engine-rest}, which the REST starter builds with Jersey,
 * and {@code /camunda/api/engine}, the copy the webapps (Tasklist among them) talk to.
 */
@Configuration
public class EngineRestConfig {

  /** How the engine's REST API answers refused input (400) and lost races (409), where Camunda answers with 500. */
  public static final List<Class<?>> REFUSAL_MAPPERS = List.of(RefusedRequestMapper.class, MissingValueMapper.class,
      ConflictMappers.AlreadyClaimed.class, ConflictMappers.TaskEnded.class, ConflictMappers.ChangedMeanwhile.class);

  @Bean
  ResourceConfigCustomizer refusedRequestsAreBadRequests() {
    return config -> REFUSAL_MAPPERS.forEach(config::register);
  }

  /**
   * Only where Camunda's webapps run (the same condition as Camunda's webapp auto-configuration): they also put their
   * authentication, CSRF and security filters in front of {@code /camunda/api/*}; without them this API would be
   * open to anyone.
   */
  @Bean
  @ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
  @ConditionalOnProperty(name = "yizhan.camunda.webapp-engine-api-refusals", havingValue = "true", matchIfMissing = true)
  ServletContextInitializer webappEngineApiWithRefusalMappers(CamundaBpmProperties camunda) {
    return WebappEngineApi.withProviders(camunda.getWebapp().getApplicationPath() + "/api/engine/*");
  }
}
