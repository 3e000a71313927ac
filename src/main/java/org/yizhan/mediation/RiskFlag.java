package org.yizhan.mediation;

/**
 * Risks that send a case straight to the governance centre and inform the police station. Each is one yes/no value
 * under one name from the start form through the process to the decision tables: {@link #variable()}.
 */
public enum RiskFlag {
  VIOLENCE("riskViolence"),
  SELF_HARM("riskSelfHarm"),
  GROUP_INCIDENT("riskGroupIncident");

  private final String variable;

  RiskFlag(String variable) {
    this.variable = variable;
  }

  /** The name of the risk's yes/no value in the start form, the process and dispute-triage.dmn. */
  public String variable() {
    return variable;
  }
}
