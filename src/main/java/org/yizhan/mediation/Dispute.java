package org.yizhan.mediation;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A dispute as the start carries it once {@link DisputeValidator} has checked and cleaned its values. */
record Dispute(String buildingId, DisputeType type, String parties, String description, boolean riskViolence,
    boolean riskSelfHarm, boolean riskGroupIncident) {

  /** The checked start values of a case (read by "登记案件 (Register case)", after the start's check). */
  static Dispute checkedIn(VariableScope start) {
    return new Dispute((String) start.getVariable(MediationProcess.BUILDING_ID),
        DisputeType.valueOf((String) start.getVariable(MediationProcess.TYPE)),
        (String) start.getVariable(MediationProcess.PARTIES), (String) start.getVariable(MediationProcess.DESCRIPTION),
        Boolean.TRUE.equals(start.getVariable(RiskFlag.VIOLENCE.variable())),
        Boolean.TRUE.equals(start.getVariable(RiskFlag.SELF_HARM.variable())),
        Boolean.TRUE.equals(start.getVariable(RiskFlag.GROUP_INCIDENT.variable())));
  }

  boolean has(RiskFlag flag) {
    return switch (flag) {
      case VIOLENCE -> riskViolence;
      case SELF_HARM -> riskSelfHarm;
      case GROUP_INCIDENT -> riskGroupIncident;
    };
  }

  List<RiskFlag> riskFlags() {
    return Arrays.stream(RiskFlag.values()).filter(this::has).toList();
  }
}
