package org.yizhan.platform.deployment;

import java.util.List;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.security.StationGroups;

/** Which version of each model runs, and which edits were refused and why. */
@RestController
class ModelsController {

  private final ModelStatus status;
  private final CurrentUser currentUser;

  ModelsController(ModelStatus status, CurrentUser currentUser) {
    this.status = status;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/models/status")
  List<ModelStatus.FileStatus> status() {
    currentUser.requireAnyOf(List.of(StationGroups.MANAGERS, StationGroups.ADMINS),
        "Only station managers and administrators see the models' status");
    return status.all();
  }

  /** Refused edits do not stop the station (the previous versions keep running), so health stays UP and says so. */
  @Component("models")
  static class ModelsHealth implements HealthIndicator {

    private final ModelStatus status;

    ModelsHealth(ModelStatus status) {
      this.status = status;
    }

    @Override
    public Health health() {
      List<ModelStatus.FileStatus> refused = status.refused();
      Health.Builder health = Health.up().withDetail("refusedModels", refused.size());
      refused.forEach(file -> health.withDetail(file.file(), file.reasons()));
      return health.build();
    }
  }
}
