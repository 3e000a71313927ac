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
