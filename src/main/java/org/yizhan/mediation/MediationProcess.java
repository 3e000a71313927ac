package org.yizhan.mediation;

/**
 * Names shared between processes/mediation-escalation.bpmn, its forms, its decision tables and the code: one name for
 * each fact, from the start form (or {@code POST /api/disputes}) to dispute-triage.dmn and mediation-level.dmn.
 */
public final class MediationProcess {

  public static final String KEY = "mediation-escalation";
  public static final String CASE_NO = "caseNo";
  /** Who registered the case, its owner: the start's initiator, or the signed-in user the station's API names. */
  public static final String REGISTERED_BY = "registeredBy";
  public static final String BUILDING_ID = "buildingId";
  public static final String TYPE = "type";
  public static final String PARTIES = "parties";
  public static final String DESCRIPTION = "description";
  /** The building and grid of the dispute (no flat number), under the name the task cards show for every process. */
  public static final String AREA = "residentArea";
  /** The level the case is at: 1 building, 2 grid, 3 community, 4 governance centre; an input of mediation-level.dmn. */
  public static final String CURRENT_LEVEL = "currentLevel";
  public static final String SETTLED_AT_LEVEL = "settledAtLevel";
  public static final String LEVEL_OUTCOME = "levelOutcome";
  /** mediation-level.dmn's answer for the current level: levelName, candidateGroup, deadline, jointSession, nextLevel. */
  public static final String LEVEL_PLAN = "levelPlan";

  private MediationProcess() {}
}
