package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.apache.catalina.core.StandardContext;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.yizhan.StationTest;

/** Where the two gates sit in the running server, and that nothing else of Spring Security came with the firewall. */
@StationTest
class RequestFirewallRegistrationIT {

  @Autowired ServletWebServerApplicationContext context;
  @Autowired FilterRegistrationBean<RequestFirewallFilter> firewall;
  @Autowired FilterRegistrationBean<EngineApiAccessFilter> access;

  @Test
  void theFirewallIsTheFirstFilterOfEveryRequestAndTheAccessTableFollowsAuthentication() {
    StandardContext tomcat = (StandardContext) Arrays.stream(
        ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()).findFirst().orElseThrow();
    String[] order = Arrays.stream(tomcat.findFilterMaps()).map(FilterMap::getFilterName).distinct()
        .toArray(String[]::new);

    assertThat(order[0]).isEqualTo(firewall.getFilterName());
    assertThat(Arrays.asList(order)).containsSubsequence("engineRestAuthentication", access.getFilterName(),
        "Authentication Filter");
    FilterMap first = tomcat.findFilterMaps()[0];
    assertThat(first.getURLPatterns()).containsExactly("/*");
  }

  @Test
  void noSpringSecurityButTheFirewall() {
    assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
    assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    assertThat(context.getBeanNamesForType(AuthenticationEventPublisher.class)).isEmpty();
    assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
  }

}
