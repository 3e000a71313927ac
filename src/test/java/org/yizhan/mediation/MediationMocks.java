package org.yizhan.mediation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.yizhan.support.ProcessTestEngine;

/**
 * The beans processes/mediation-escalation.bpmn names, as mocks on a {@link ProcessTestEngine}: each sets exactly the
 * process variables the real one sets for the model's gateways, timers, task groups and decision tables
 * (DisputeValidator, RegisterDisputeDelegate, MediationStepListeners), and nothing of the case records they keep.
 */
final class MediationMocks {

  /** Who registers the cases of the tests: the case owner, who visits again after a settlement. */
  static final String OWNER = "liu.yang";
  static final String MANAGERS = "station-managers";
  /** application.yaml's yizhan.mediation.follow-up-within. */
  static final String FOLLOW_UP_WITHIN = "P15D";
  /** The building of most tests and its own groups, as registering finds them (building heads, grid workers). */
  static final String B01 = "B01";
  static final String B12 = "B12";
  /** The groups registering offers the first two levels for each building: its heads, its grid's workers. */
  static final Map<String, List<String>> LEVEL_GROUPS = Map.of(
      B01, List.of("building-b01-heads", "grid-g01-workers"),
      B12, List.of("building-b12-heads", "grid-g02-workers"));

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  final ExecutionListener checkDispute;
  final JavaDelegate registerDispute;
  final ExecutionListener applyTriage;
  final JavaDelegate notifyPoliceStation;
  final ExecutionListener levelStarted;
  final ExecutionListener recordEscalation;
  final TaskListener recordPartnerInput;
  final JavaDelegate recordSettlement;
  final JavaDelegate creditSubsidy;
  final ExecutionListener reopenCase;
  final ExecutionListener caseEvent;

  private MediationMocks(ProcessTestEngine engine) {
    checkDispute = engine.executionListener("checkDispute", MediationMocks::check);
    registerDispute = engine.delegate("registerDispute", MediationMocks::register);
    applyTriage = engine.executionListener("applyTriage", execution -> execution.setVariable(
        MediationProcess.CURRENT_LEVEL, ((Number) plan(execution, "triage").get("startLevel")).intValue()));
    notifyPoliceStation = engine.delegate("notifyPoliceStation");
    levelStarted = engine.executionListener("levelStarted", MediationMocks::startLevel);
    recordEscalation = engine.executionListener("recordEscalation", execution -> {
      Object next = plan(execution, MediationProcess.LEVEL_PLAN).get("nextLevel");
      if (next != null) {
        execution.setVariable(MediationProcess.CURRENT_LEVEL, ((Number) next).intValue());
      }
    });
    recordPartnerInput = engine.taskListener("recordPartnerInput", task -> {
      Object so = task.getVariable("partnerInputs");
      String input = task.getName() + ": " + task.getVariable("partnerInput");
      task.setVariable("partnerInputs", (so == null || so.toString().isBlank() ? "" : so + "\n") + "- " + input);
      task.getExecution().removeVariable("partnerInput");
    });
    recordSettlement = engine.delegate("recordSettlement", execution -> execution.setVariable(
        MediationProcess.SETTLED_AT_LEVEL, execution.getVariable(MediationProcess.CURRENT_LEVEL)));
    creditSubsidy = engine.delegate("creditSubsidy");
    reopenCase = engine.executionListener("reopenCase", execution -> execution.setVariable(
        MediationProcess.CURRENT_LEVEL, execution.getVariable(MediationProcess.SETTLED_AT_LEVEL)));
    caseEvent = engine.executionListener("caseEvent");
  }

  /** Registers the mediation's mocks on the engine for the current test. */
  static MediationMocks on(ProcessTestEngine engine) {
    return new MediationMocks(engine);
  }

  /** DisputeValidator: each risk true or false, a risk not sent being no risk. */
  private static void check(DelegateExecution start) {
    for (RiskFlag flag : RiskFlag.values()) {
      start.setVariable(flag.variable(), Boolean.TRUE.equals(start.getVariable(flag.variable())));
    }
  }

  /** RegisterDisputeDelegate: the case number as business key, the owner, the groups of the building's levels. */
  private static void register(DelegateExecution execution) {
    String caseNo = "MD-261123-" + String.format("%04d", NUMBERS.incrementAndGet());
    execution.setProcessBusinessKey(caseNo);
    List<String> groups = LEVEL_GROUPS.get((String) execution.getVariable(MediationProcess.BUILDING_ID));
    execution.setVariable(MediationProcess.CASE_NO, caseNo);
    execution.setVariable("owner", execution.getVariable(MediationProcess.REGISTERED_BY));
    execution.setVariable("ownerGroups", MANAGERS);
    execution.setVariable("buildingHeadsGroup", groups.get(0));
    execution.setVariable("gridWorkersGroup", groups.get(1));
    execution.setVariable("followUpWithin", FOLLOW_UP_WITHIN);
  }

  /** LevelStarted (version 2 on): the last level's answers cleared, the level's name, the partners' inputs begun. */
  private static void startLevel(DelegateExecution execution) {
    for (String answer : List.of(MediationProcess.LEVEL_OUTCOME, "agreementText", "notSettledReason")) {
      execution.removeVariable(answer);
    }
    Map<?, ?> plan = plan(execution, MediationProcess.LEVEL_PLAN);
    execution.setVariable("levelName", String.valueOf(plan.get("levelName")));
    if (Boolean.TRUE.equals(plan.get("jointSession"))) {
      execution.setVariable("partnerInputs", "");
    }
  }

  private static Map<?, ?> plan(DelegateExecution execution, String name) {
    return (Map<?, ?>) execution.getVariable(name);
  }
}
