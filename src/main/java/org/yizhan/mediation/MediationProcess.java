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

  // Elements of mediation-escalation.bpmn that code and tests name.
  public static final String START_EVENT_DISPUTE_REGISTERED = "StartEvent_DisputeRegistered";
  public static final String TASK_REGISTER_DISPUTE = "Task_RegisterDispute";
  public static final String TASK_TRIAGE_DISPUTE = "Task_TriageDispute";
  public static final String GATEWAY_URGENT = "Gateway_Urgent";
  public static final String TASK_NOTIFY_POLICE_STATION = "Task_NotifyPoliceStation";
  public static final String GATEWAY_ENTER_LEVEL = "Gateway_EnterLevel";
  public static final String TASK_PLAN_LEVEL = "Task_PlanLevel";
  public static final String SUB_PROCESS_MEDIATION_LEVEL = "SubProcess_MediationLevel";
  public static final String EVENT_LEVEL_OPENED = "Event_LevelOpened";
  public static final String GATEWAY_JOINT_SESSION = "Gateway_JointSession";
  public static final String TASK_MEDIATE_AT_LEVEL = "Task_MediateAtLevel";
  public static final String EVENT_LEVEL_MEDIATED = "Event_LevelMediated";
  public static final String GATEWAY_ASK_PARTNERS = "Gateway_AskPartners";
  public static final String TASK_POLICE_STATION_INPUT = "Task_PoliceStationInput";
  public static final String TASK_JUDICIAL_OFFICE_INPUT = "Task_JudicialOfficeInput";
  public static final String TASK_PEOPLES_COURT_INPUT = "Task_PeoplesCourtInput";
  public static final String GATEWAY_PARTNERS_ANSWERED = "Gateway_PartnersAnswered";
  public static final String TASK_JOINT_SESSION = "Task_JointSession";
  public static final String EVENT_SESSION_HELD = "Event_SessionHeld";
  public static final String TIMER_LEVEL_DEADLINE = "Timer_LevelDeadline";
  public static final String GATEWAY_LEVEL_OUTCOME = "Gateway_LevelOutcome";
  public static final String GATEWAY_LEVEL_ABOVE = "Gateway_LevelAbove";
  public static final String TASK_REFER_CASE = "Task_ReferCase";
  public static final String EVENT_CASE_REFERRED = "Event_CaseReferred";
  public static final String TASK_RECORD_SETTLEMENT = "Task_RecordSettlement";
  public static final String TASK_DECIDE_SUBSIDY = "Task_DecideSubsidy";
  public static final String TASK_CREDIT_SUBSIDY = "Task_CreditSubsidy";
  public static final String TASK_FOLLOW_UP_VISIT = "Task_FollowUpVisit";
  public static final String TIMER_FOLLOW_UP_DUE = "Timer_FollowUpDue";
  public static final String EVENT_FOLLOW_UP_OVERDUE = "Event_FollowUpOverdue";
  public static final String GATEWAY_FOLLOW_UP_OUTCOME = "Gateway_FollowUpOutcome";
  public static final String EVENT_CASE_CLOSED = "Event_CaseClosed";

  private MediationProcess() {}
}
