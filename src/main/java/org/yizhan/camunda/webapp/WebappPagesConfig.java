package org.yizhan.camunda.webapp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What Yizhan adds to the pages of Camunda's webapps, where they run. */
@Configuration
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
class WebappPagesConfig {

  /**
   * Each webapp request keeps its own Content-Security-Policy nonce ({@link RequestScopedCspNonce}): without it two
   * pages served at once can get each other's nonce and stay blank. Before Camunda's webapp filters (Spring Boot's
   * registrations come first), after the request firewall and the session.
   */
  @Bean
  @ConditionalOnProperty(name = "yizhan.camunda.request-scoped-csp-nonce", havingValue = "true", matchIfMissing = true)
  FilterRegistrationBean<RequestScopedCspNonce> requestScopedCspNonce() {
    var registration = new FilterRegistrationBean<>(new RequestScopedCspNonce());
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return registration;
  }
}
