package org.yizhan.platform.deployment;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.web.ApiException;

/** Which version of each model runs, and which edits were refused and why. */
@RestController
class ModelsController {

  record MigrationRequest(Integer fromVersion, Integer toVersion, Boolean dryRun) {}


  private final ModelStatus status;
  private final InstanceMigration migration;
  private final RepositoryService repository;
  private final CurrentUser currentUser;

  ModelsController(ModelStatus status, InstanceMigration migration, RepositoryService repository,
      CurrentUser currentUser) {
    this.status = status;
    this.migration = migration;
    this.repository = repository;
    this.currentUser = currentUser;
  }

  /** Checks (dryRun, the default) or moves the running instances of one version to a newer one. */
  @PostMapping(path = "/api/models/{processKey}/migrate", consumes = MediaType.APPLICATION_JSON_VALUE)
  InstanceMigration.Result migrate(@PathVariable String processKey, @RequestBody MigrationRequest request) {
    currentUser.require("model.migrate");
    if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
      throw ApiException.notFound("processKey", "There is no process " + processKey);
    }
    return migration.migrate(processKey, request.fromVersion(), request.toVersion(),
        request.dryRun() == null || request.dryRun());
  }

  @GetMapping("/api/models/status")
  List<ModelStatus.FileStatus> status() {
    currentUser.require("model.status");
    return status.all();
  }

  /**
   * Refused edits do not stop the station (the previous versions keep running), so health stays UP and says so; so do
   * files of this node that are older than the versions in the database (not deployed, nothing old runs again).
   */
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
      List<ModelStatus.FileStatus> older = status.olderThanDeployed();
      if (!older.isEmpty()) {
        health.withDetail("olderThanDeployed", older.stream().map(ModelStatus.FileStatus::file).toList());
      }
      return health.build();
    }
  }
}
