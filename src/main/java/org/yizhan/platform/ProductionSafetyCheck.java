package org.yizhan.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The prod profile refuses to start with anything of the demo station: the demo administrator password, demo
 * passwords in general, or the demo seeds. It checks before any bean (engine, database) is created.
 */
@Configuration
@Profile("prod")
class ProductionSafetyCheck {

  static final Set<String> DEMO_PASSWORDS = Set.of("admin", "demo");

  @Bean
  static BeanFactoryPostProcessor refuseDemoSettings(Environment environment) {
    return beanFactory -> {
      List<String> problems = problems(environment);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("The prod profile refuses to start: " + String.join("; ", problems));
      }
    };
  }

  /** A database that once held the demo station still has its users and their "demo" passwords. */
  @Bean
  @Order(1)
  ApplicationRunner refuseDemoDatabase(JdbcClient jdbc) {
    return args -> {
      if (jdbc.sql("select count(*) from seed_load").query(Integer.class).single() > 0) {
        throw new IllegalStateException("The prod profile refuses to start: this database holds the demo station "
            + "(users with the password \"demo\"); give production a database of its own");
      }
    };
  }

  static List<String> problems(Environment environment) {
    List<String> problems = new ArrayList<>();
    String adminPassword = environment.getProperty("camunda.bpm.admin-user.password", "");
    if (adminPassword.isBlank()) {
      problems.add("set the administrator's password in YIZHAN_ADMIN_PASSWORD");
    } else if (DEMO_PASSWORDS.contains(adminPassword.trim().toLowerCase()) || adminPassword.length() < 12) {
      problems.add("the administrator's password is a demo password or shorter than 12 characters");
    }
    if (environment.getProperty("yizhan.seeds.enabled", Boolean.class, false)) {
      problems.add("yizhan.seeds.enabled loads the demo users (password \"demo\") and residents; switch it off");
    }
    return problems;
  }
}
