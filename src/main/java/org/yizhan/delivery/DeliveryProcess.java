package org.yizhan.delivery;

/** Names shared between processes/doorstep-delivery.bpmn, its forms and the code. */
public final class DeliveryProcess {

  public static final String KEY = "doorstep-delivery";

  // Elements of doorstep-delivery.bpmn that code and tests name.
  public static final String TASK_DELIVER_TO_DOOR = "Task_DeliverToDoor";
  public static final String TASK_DECIDE_POINTS = "Task_DecidePoints";
  public static final String TASK_CREDIT_POINTS = "Task_CreditPoints";
  public static final String EVENT_DELIVERED = "Event_Delivered";
  public static final String EVENT_REFUSED = "Event_Refused";
  public static final String TASK_ASSESS_RISK = "Task_AssessRisk";
  public static final String TASK_WELFARE_CHECK = "Task_WelfareCheck";
  public static final String EVENT_WELFARE_CHECK_DONE = "Event_WelfareCheckDone";
  public static final String TIMER_WELFARE_CHECK_OVERDUE = "Timer_WelfareCheckOverdue";
  public static final String TASK_ESCALATE_WELFARE_CHECK = "Task_EscalateWelfareCheck";
  public static final String EVENT_ESCALATION_DONE = "Event_EscalationDone";
  public static final String EVENT_EMERGENCY = "Event_Emergency";
  public static final String TASK_ARRANGE_HELP = "Task_ArrangeHelp";
  public static final String GATEWAY_MERGE_WELFARE = "Gateway_MergeWelfare";
  public static final String TIMER_NEXT_ATTEMPT = "Timer_NextAttempt";
  public static final String EVENT_RETURNED = "Event_Returned";

  public static final String DELIVERY_NO = "deliveryNo";
  public static final String RESIDENT_ID = "residentId";
  public static final String KIND = "kind";
  public static final String NOTE = "note";
  public static final String ORDER_NO = "orderNo";
  public static final String REQUESTED_BY = "requestedBy";

  /** An order's lines with their quantities, for the doorstep form; not set for a delivery without an order. */
  public static final String GOODS_TEXT = "goodsText";
  /** The amount to collect at the door as money (¥65.00), or 免费 (free). */
  public static final String COLLECT_TEXT = "collectText";
  /** Local to the doorstep task while it is claimed: the resident's name, for the volunteer holding it. */
  public static final String RESIDENT_NAME = "residentName";

  /** What the delivery ended as, for a calling station-order: DELIVERED, REFUSED or RETURNED, and why. */
  public static final String RESULT = "deliveryResult";
  public static final String REASON = "deliveryReason";

  private DeliveryProcess() {}
}
