package org.yizhan.platform.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yizhan.platform.web.ApiException;

/**
 * Moves running instances to a newer version of their process, the community way (Cockpit's migration screen is
 * Enterprise-only): a plan that maps equal activities, a dry run that tries every instance in a transaction that is
 * rolled back, and a batch for the ones that can move.
 */
@Service
class InstanceMigration {

  record InstanceCheck(String processInstanceId, String businessKey, boolean migratable, List<String> reasons) {}

  record Result(String processKey, int fromVersion, int toVersion, boolean dryRun, List<String> planProblems,
      List<InstanceCheck> instances, String batchId) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TransactionTemplate rolledBack;

  InstanceMigration(RepositoryService repository, RuntimeService runtime, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.runtime = runtime;
    this.rolledBack = new TransactionTemplate(transactions);
    this.rolledBack.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
  }

  Result migrate(String processKey, Integer fromVersion, Integer toVersion, boolean dryRun) {
    if (fromVersion == null) {
      throw ApiException.badInput("fromVersion", "Say which version's instances to move (fromVersion)");
    }
    ProcessDefinition source = version(processKey, fromVersion, "fromVersion");
    ProcessDefinition target = toVersion == null
        ? repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult()
        : version(processKey, toVersion, "toVersion");
    if (source.getId().equals(target.getId())) {
      throw ApiException.badInput("toVersion", "The instances already run version " + fromVersion);
    }
    MigrationPlan plan;
    try {
      plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers()
          .build();
    } catch (MigrationPlanValidationException invalid) {
      List<String> problems = invalid.getValidationReport().getInstructionReports().stream()
          .flatMap(report -> report.getFailures().stream()).toList();
      return new Result(processKey, source.getVersion(), target.getVersion(), dryRun,
          problems.isEmpty() ? List.of(invalid.getMessage()) : problems, List.of(), null);
    }
    List<InstanceCheck> checks = new ArrayList<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list()) {
      checks.add(tryOne(plan, instance));
    }
    String batchId = null;
    List<String> movable = checks.stream().filter(InstanceCheck::migratable).map(InstanceCheck::processInstanceId).toList();
    if (!dryRun && !movable.isEmpty()) {
      Batch batch = runtime.newMigration(plan).processInstanceIds(movable).executeAsync();
      batchId = batch.getId();
    }
    return new Result(processKey, source.getVersion(), target.getVersion(), dryRun, List.of(), checks, batchId);
  }

  /** Migrates the one instance in a transaction that is always rolled back, and keeps what the engine objected. */
  private InstanceCheck tryOne(MigrationPlan plan, ProcessInstance instance) {
    List<String> reasons = new ArrayList<>();
    rolledBack.executeWithoutResult(transaction -> {
      try {
        runtime.newMigration(plan).processInstanceIds(instance.getId()).execute();
      } catch (MigratingProcessInstanceValidationException invalid) {
        invalid.getValidationReport().getActivityInstanceReports().forEach(report ->
            report.getFailures().forEach(failure -> reasons.add(report.getSourceScopeId() + ": " + failure)));
        invalid.getValidationReport().getTransitionInstanceReports().forEach(report ->
            report.getFailures().forEach(failure -> reasons.add(report.getSourceScopeId() + ": " + failure)));
        invalid.getValidationReport().getFailures().forEach(reasons::add);
      } finally {
        transaction.setRollbackOnly();
      }
    });
    return new InstanceCheck(instance.getId(), instance.getBusinessKey(), reasons.isEmpty(), reasons);
  }

  private ProcessDefinition version(String processKey, int version, String field) {
    if (version < 1) {
      throw ApiException.badInput(field, "Versions are counted from 1; " + version + " is none");
    }
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw ApiException.badInput(field, "There is no version " + version + " of " + processKey);
    }
    return definition;
  }
}
