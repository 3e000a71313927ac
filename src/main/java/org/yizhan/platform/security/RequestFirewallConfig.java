package org.yizhan.platform.security;

import java.io.IOException;
import java.io.InputStream;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;

/**
 * The web layer's two gates: the request firewall in front of everything, and the engine API access table after
 * authentication.
 *
 * <p>Order: Spring Boot adds its filter registrations before the filters Camunda's webapp starter adds itself
 * (authentication, CSRF, its security filter; {@code CamundaBpmWebappInitializer} maps them "after" the others), and
 * among the registrations by their order. The firewall takes the first place of all, then Spring Session's filter
 * ({@code HIGHEST_PRECEDENCE + 10}, {@code spring.session.servlet.filter-order}), so that every filter after it reads
 * the shared session; the access filter comes after
 * {@code /engine-rest}'s HTTP Basic authentication ({@code HIGHEST_PRECEDENCE + 20} in EngineRestSecurityConfig) and
 * before the filters that read request bodies ({@code + 30}).
 */
@Configuration
public class RequestFirewallConfig {

  static final int FIREWALL_ORDER = Ordered.HIGHEST_PRECEDENCE;
  static final int ACCESS_ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

  @Bean
  FilterRegistrationBean<RequestFirewallFilter> requestFirewall() {
    var registration = new FilterRegistrationBean<>(new RequestFirewallFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(FIREWALL_ORDER);
    return registration;
  }

  @Bean
  EngineApiAccessTable engineApiAccessTable() throws IOException {
    try (InputStream yaml = new ClassPathResource(EngineApiAccessTable.LOCATION).getInputStream()) {
      return EngineApiAccessTable.load(yaml);
    }
  }

  @Bean
  FilterRegistrationBean<EngineApiAccessFilter> engineApiAccess(EngineApiAccessTable table,
      IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new EngineApiAccessFilter(table, identityService));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(ACCESS_ORDER);
    return registration;
  }
}
