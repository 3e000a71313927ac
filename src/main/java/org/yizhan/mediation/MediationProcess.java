package org.yizhan.mediation;

/** Names shared between processes/mediation-escalation.bpmn, its forms and the code. */
public final class MediationProcess {

  public static final String KEY = "mediation-escalation";
  public static final String CASE_NO = "caseNo";
  /** The building and grid of the dispute (no flat number), under the name the task cards show for every process. */
  public static final String AREA = "residentArea";
  public static final String CURRENT_LEVEL = "currentLevel";
  public static final String SETTLED_AT_LEVEL = "settledAtLevel";
  public static final String LEVEL_OUTCOME = "levelOutcome";

  private MediationProcess() {}
}
