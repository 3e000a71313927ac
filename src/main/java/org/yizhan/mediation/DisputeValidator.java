package org.yizhan.mediation;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.yizhan.residents.Buildings;

/**
 * "纠纷登记 (Dispute registered)"'s check, the one place a dispute is checked, whichever way the case is started
 * (Tasklist's start form, the engine's REST API or {@code POST /api/disputes}): a listener on the start of
 * mediation-escalation, so it runs before anything else of the process, the start form's own rules included. It
 * refuses with a {@link DisputeRefusedException} naming the value at fault, and leaves the start's values cleaned
 * (trimmed, each risk true or false) under their own names for "登记案件 (Register case)" and the decision tables.
 */
@Component("checkDispute")
class DisputeValidator implements ExecutionListener {

  /** The values registering works out from the registry and the station's settings, never taken from a client. */
  static final List<String> WORKED_OUT = List.of(MediationProcess.CASE_NO, "owner", "ownerGroups", "typeLabel",
      "buildingName", MediationProcess.AREA, "buildingHeadsGroup", "gridWorkersGroup", "followUpWithin", "caseHistory");

  private final Buildings buildings;

  DisputeValidator(Buildings buildings) {
    this.buildings = buildings;
  }

  @Override
  public void notify(DelegateExecution start) {
    if (start.getProcessBusinessKey() != null) {
      // The case number is the business key every later step finds the case by; the station gives it.
      throw new DisputeRefusedException(null, "案件号由驿站给出 (The case number is given when the dispute is registered; "
          + "start the case without a business key)");
    }
    for (String name : WORKED_OUT) {
      if (start.hasVariable(name)) {
        // Also what Camunda would answer with a 500 when the value was sent as transient.
        throw new DisputeRefusedException(name, name + " 由登记纠纷时得出 (is worked out when the dispute is registered; "
            + "leave it out of the request)");
      }
    }
    Dispute dispute = validate(start);
    keep(start, MediationProcess.BUILDING_ID, dispute.buildingId());
    keep(start, MediationProcess.TYPE, dispute.type().name());
    keep(start, MediationProcess.PARTIES, dispute.parties());
    keep(start, MediationProcess.DESCRIPTION, dispute.description());
    for (RiskFlag flag : RiskFlag.values()) {
      keep(start, flag.variable(), dispute.has(flag));
    }
  }

  private Dispute validate(DelegateExecution start) {
    String buildingId = text(start.getVariable(MediationProcess.BUILDING_ID));
    if (buildingId.isEmpty()) {
      throw new DisputeRefusedException(MediationProcess.BUILDING_ID,
          "请选择纠纷所在的楼栋，如 B01 (Choose the building where the dispute is, e.g. B01)");
    }
    if (buildings.find(buildingId).isEmpty()) {
      throw new DisputeRefusedException(MediationProcess.BUILDING_ID, "社区没有楼栋 " + buildingId + " (There is no building "
          + buildingId + "; choose one of the community's)");
    }
    DisputeType type = type(text(start.getVariable(MediationProcess.TYPE)));
    String parties = text(start.getVariable(MediationProcess.PARTIES));
    if (parties.isEmpty() || parties.length() > DisputeRequest.MAX_PARTIES) {
      throw new DisputeRefusedException(MediationProcess.PARTIES, "请写明当事人，最多 " + DisputeRequest.MAX_PARTIES
          + " 个字 (Name the parties, in at most " + DisputeRequest.MAX_PARTIES + " characters)");
    }
    String description = text(start.getVariable(MediationProcess.DESCRIPTION));
    if (description.isEmpty() || description.length() > DisputeRequest.MAX_DESCRIPTION) {
      throw new DisputeRefusedException(MediationProcess.DESCRIPTION, "请描述纠纷情况，最多 " + DisputeRequest.MAX_DESCRIPTION
          + " 个字 (Describe what happened, in at most " + DisputeRequest.MAX_DESCRIPTION + " characters)");
    }
    return new Dispute(buildingId, type, parties, description, risk(start, RiskFlag.VIOLENCE),
        risk(start, RiskFlag.SELF_HARM), risk(start, RiskFlag.GROUP_INCIDENT));
  }

  private static DisputeType type(String name) {
    if (name.isEmpty()) {
      throw new DisputeRefusedException(MediationProcess.TYPE, "请选择纠纷类型 (Say what kind of dispute it is: "
          + List.of(DisputeType.values()) + ")");
    }
    try {
      return DisputeType.valueOf(name);
    } catch (IllegalArgumentException unknown) {
      // Worded as the start form words a value that is not one of its choices.
      throw new DisputeRefusedException(MediationProcess.TYPE, "纠纷类型 (Type of dispute): “"
          + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "” 不是可选项 (is not one of the choices)");
    }
  }

  /** A risk not ticked (or not sent) is no risk; anything but true or false is refused. */
  private static boolean risk(DelegateExecution start, RiskFlag flag) {
    Object value = start.getVariable(flag.variable());
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw new DisputeRefusedException(flag.variable(), flag.variable() + " 只能是 true 或 false (must be true or false)");
  }

  /** The cleaned value under the start's name, kept or transient as it was sent (Camunda refuses to turn one into the other). */
  private static void keep(DelegateExecution start, String name, Object value) {
    TypedValue sent = start.getVariableTyped(name);
    boolean isTransient = sent != null && sent.isTransient();
    start.setVariable(name, value instanceof Boolean yes ? Variables.booleanValue(yes, isTransient)
        : Variables.stringValue(value.toString(), isTransient));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
