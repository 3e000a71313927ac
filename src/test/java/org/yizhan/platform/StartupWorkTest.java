package org.yizhan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.yizhan.platform.StartupWork.Done;
import org.yizhan.platform.StartupWork.Step;

class StartupWorkTest {

  private static StartupWork station(boolean seedsEnabled) {
    return new StartupWork(new YizhanProperties("processes", new YizhanProperties.Seeds(seedsEnabled, "seeds"),
        null, null, null));
  }

  @Test
  void downUntilTheModelsAreDeployedAndTheSeedsLoaded() {
    StartupWork work = station(true);
    Health starting = work.health();
    assertThat(starting.getStatus()).isEqualTo(Status.DOWN);
    assertThat(starting.getDetails()).containsEntry("models", "进行中 (in progress)")
        .containsEntry("seeds", "进行中 (in progress)");

    work.on(new Done(Step.MODELS_DEPLOYED));
    Health modelsOnly = work.health();
    assertThat(modelsOnly.getStatus()).as("models deployed, catalog still empty").isEqualTo(Status.DOWN);
    assertThat(modelsOnly.getDetails()).containsEntry("models", "已部署 (deployed)")
        .containsEntry("seeds", "进行中 (in progress)");

    work.on(new Done(Step.SEEDS_LOADED));
    assertThat(work.health().getStatus()).isEqualTo(Status.UP);
    assertThat(work.health().getDetails()).containsEntry("seeds", "已载入 (loaded)");
  }

  @Test
  void seedsLoadedBeforeTheModelsAreDeployedIsNotReady() {
    StartupWork work = station(true);
    work.on(new Done(Step.SEEDS_LOADED));
    assertThat(work.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void withoutDemoDataTheDeployedModelsAreEnough() {
    StartupWork work = station(false);
    assertThat(work.health().getStatus()).isEqualTo(Status.DOWN);
    work.on(new Done(Step.MODELS_DEPLOYED));
    Health ready = work.health();
    assertThat(ready.getStatus()).isEqualTo(Status.UP);
    assertThat(ready.getDetails()).containsEntry("seeds", "未启用 (not enabled)");
  }
}
