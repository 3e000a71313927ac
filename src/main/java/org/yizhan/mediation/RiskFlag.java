package org.yizhan.mediation;

/** Risks that send a case straight to the governance centre and inform the police station. */
public enum RiskFlag {
  VIOLENCE,
  SELF_HARM,
  GROUP_INCIDENT
}
