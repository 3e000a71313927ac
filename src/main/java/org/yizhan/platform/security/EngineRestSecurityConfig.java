package org.yizhan.platform.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.yizhan.platform.deployment.ModelGate;
import org.yizhan.platform.deployment.ModelerDeploymentGate;

/**
 * Authentication in front of the two HTTP APIs. The REST starter leaves {@code /engine-rest} open to anyone, so it
 * gets Camunda's own HTTP Basic filter against the identity service, as Camunda Run does. {@code /api} (but
 * {@code /api/public}) accepts HTTP Basic or the session of somebody logged in to the webapps.
 *
 * <p>The expression guard runs first, so an attack is refused before anything else looks at it.
 */
@Configuration
public class EngineRestSecurityConfig {

  static final String ENGINE_REST = "/engine-rest/*";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine/*";

  @Bean
  FilterRegistrationBean<ExpressionGuardFilter> expressionGuard() {
    var registration = new FilterRegistrationBean<>(new ExpressionGuardFilter());
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(ENGINE_REST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** After authentication, so that callers who may not deploy get the engine's 403. */
  @Bean
  FilterRegistrationBean<ModelerDeploymentGate> modelerDeploymentGate(ModelGate gate, IdentityService identity,
      AuthorizationService authorizations) {
    var registration = new FilterRegistrationBean<>(new ModelerDeploymentGate(gate, identity, authorizations));
    registration.addUrlPatterns(ENGINE_REST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
