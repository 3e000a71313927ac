package org.yizhan.delivery;

/** Names shared between processes/doorstep-delivery.bpmn, its forms and the code. */
public final class DeliveryProcess {

  public static final String KEY = "doorstep-delivery";
  public static final String DELIVER_TASK = "Task_DeliverToDoor";

  public static final String DELIVERY_NO = "deliveryNo";
  public static final String RESIDENT_ID = "residentId";
  public static final String KIND = "kind";
  public static final String NOTE = "note";
  public static final String ORDER_NO = "orderNo";
  public static final String REQUESTED_BY = "requestedBy";

  /** What the delivery ended as, for a calling station-order: DELIVERED, REFUSED or RETURNED, and why. */
  public static final String RESULT = "deliveryResult";
  public static final String REASON = "deliveryReason";

  private DeliveryProcess() {}
}
