package org.yizhan.platform.security;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.yizhan.camunda.webapp.SharedSessionCsrfToken;

/**
 * Authentication in front of the two HTTP APIs. The REST starter leaves {@code /engine-rest} open to anyone, so it
 * gets Camunda's own HTTP Basic filter against the identity service, as Camunda Run does. {@code /api} (but
 * {@code /api/public}) accepts HTTP Basic or the session of somebody logged in to the webapps.
 *
 * <p>What a request may make the engine do is decided inside the engine (camunda/engine), not here.
 */
@Configuration
public class EngineRestSecurityConfig {

  static final String ENGINE_REST = "/engine-rest/*";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine/*";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(ENGINE_REST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Before every sign-in, so that a client that must wait is answered before its password is checked. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    return registration;
  }

  /**
   * Sign-out ends the shared session, sign-in names its user: see {@link WebappSignInSessionFilter}. After the session
   * filter ({@code spring.session.servlet.filter-order}, {@code HIGHEST_PRECEDENCE + 10}), so that it works on the shared
   * session, and like every registration here before Camunda's webapp filters, so that it wraps Camunda's login and
   * logout.
   */
  @Bean
  FilterRegistrationBean<WebappSignInSessionFilter> webappSignInSession(
      @Value("${yizhan.session.signed-in-timeout:30m}") Duration signedInTimeout) {
    var registration = new FilterRegistrationBean<>(new WebappSignInSessionFilter(signedInTimeout));
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  /**
   * The webapps' static files, and their API's reads without a live session, without the shared session
   * ({@link WebappRequestsWithoutSession}). After the session filter and before the CSRF token's filter and Camunda's
   * webapp filters, which would start a session for each.
   */
  @Bean
  FilterRegistrationBean<WebappRequestsWithoutSession> webappRequestsWithoutSession(CamundaBpmProperties camunda) {
    String webapp = camunda.getWebapp().getApplicationPath();
    var registration = new FilterRegistrationBean<>(new WebappRequestsWithoutSession(webapp));
    registration.addUrlPatterns(webapp + "/api/*", webapp + "/app/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 33);
    return registration;
  }

  /**
   * The webapp session's CSRF token, the same from every request and node ({@link SharedSessionCsrfToken}). After the
   * session filter and before Camunda's webapp filters, on the paths Camunda's CSRF filter guards.
   */
  @Bean
  @ConditionalOnProperty(name = "yizhan.camunda.shared-session-csrf-token", havingValue = "true", matchIfMissing = true)
  FilterRegistrationBean<SharedSessionCsrfToken> sharedSessionCsrfToken(CamundaBpmProperties camunda) {
    String webapp = camunda.getWebapp().getApplicationPath();
    var registration = new FilterRegistrationBean<>(new SharedSessionCsrfToken(camunda.getWebapp().getCsrf(), webapp));
    registration.addUrlPatterns(webapp + "/api/*", webapp + "/app/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 35);
    return registration;
  }

  /** The pages anybody may read, limited per client (the public order page must not be walked through). */
  @Bean
  FilterRegistrationBean<PublicRateLimit> publicRateLimitFilter(PublicRateLimit limit) {
    var registration = new FilterRegistrationBean<>(limit);
    registration.addUrlPatterns("/api/public/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    return registration;
  }

  /** Health details for administrators only: see {@link ActuatorCallerFilter}. */
  @Bean
  FilterRegistrationBean<ActuatorCallerFilter> actuatorCaller(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new ActuatorCallerFilter(identityService));
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
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
