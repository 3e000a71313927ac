package org.yizhan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Yizhan (驿站): the software neighbourhood service stations run on, on top of Camunda 7.
 *
 * <p>Spring Security's web module is on the class path for its request firewall only; its auto-configuration, which
 * spring-security-core would switch on, stays out: Camunda's own authentication guards the APIs and the webapps.
 * Scheduling is on for the app's own housekeeping (forgetting expired order idempotency keys); the engine's jobs run
 * on Camunda's job executor, not on it.
 */
@SpringBootApplication(exclude = SecurityAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class YizhanApplication {

  public static void main(String[] args) {
    SpringApplication.run(YizhanApplication.class, args);
  }
}
