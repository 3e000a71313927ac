package org.yizhan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.yizhan.YizhanApplication;

class ProductionSafetyCheckTest {

  @Test
  void prodProfileRefusesToStartWithTheDemoAdminPasswordOrDemoSeeds() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(YizhanApplication.class)
        .profiles("prod")
        .run("--camunda.bpm.admin-user.password=admin", "--yizhan.seeds.enabled=true", "--server.port=0",
            "--spring.datasource.url=jdbc:h2:mem:prod-check"))
        .hasStackTraceContaining("prod profile refuses to start")
        .hasStackTraceContaining("demo password")
        .hasStackTraceContaining("yizhan.seeds.enabled");
  }

  @Test
  void missingAdminPasswordIsNamed() {
    assertThat(ProductionSafetyCheck.problems(new MockEnvironment())).containsExactly(
        "set the administrator's password in YIZHAN_ADMIN_PASSWORD");
  }

  @Test
  void strongPasswordWithoutSeedsPasses() {
    var environment = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.password", "a-long-station-secret")
        .withProperty("yizhan.seeds.enabled", "false");

    assertThat(ProductionSafetyCheck.problems(environment)).isEmpty();
  }
}
