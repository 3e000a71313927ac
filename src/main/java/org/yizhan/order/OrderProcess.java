package org.yizhan.order;

/** Names shared between processes/station-order.bpmn, its forms and the code. */
public final class OrderProcess {

  public static final String KEY = "station-order";
  public static final String CANCEL_MESSAGE = "OrderCancellationRequested";

  // Set by whoever places the order (start form or API).
  public static final String RESIDENT_ID = "residentId";
  public static final String ITEMS = "items";
  public static final String DELIVERY_PREFERENCE = "deliveryPreference";
  public static final String NOTE = "note";
  public static final String PLACED_BY = "placedBy";

  // Set when the order is registered.
  public static final String ORDER_NO = "orderNo";

  /** The hand-over in words (送货上门 / 到站自取), kept with the process once it is decided, for the task cards. */
  public static final String HAND_OVER_TEXT = "handOverText";
  /** Local to a merchant's task: what that merchant supplies, for its task card. */
  public static final String SUPPLY_TEXT = "supplyText";

  // Each merchant's part of the goods (SubProcess_MerchantParts, one instance per merchant of the order).
  /** The order's merchants, from its record, when the goods branch starts; transient, the instances are made then. */
  public static final String MERCHANT_IDS = "merchantIds";
  /** The merchant of one instance (the multi-instance element variable). */
  public static final String MERCHANT_ID = "merchantId";
  /** Local to the merchant's instance: its name, its lines and their frozen amount, for its forms and gateways. */
  public static final String MERCHANT_NAME = "merchantName";
  public static final String MERCHANT_GOODS = "merchantGoods";
  public static final String MERCHANT_FROZEN_TOTAL = "merchantFrozenTotal";

  // Who received the order and how satisfied the resident was: the hand-over task's fields at the station, or what the
  // doorstep delivery handed back through CallActivity_DoorstepDelivery's out-mappings.
  public static final String RECEIVED_BY = "receivedBy";
  public static final String SATISFACTION = "satisfaction";
  /** The doorstep delivery's result, handed back by its out-mappings: DELIVERED, REFUSED or RETURNED, and why. */
  public static final String DELIVERY_RESULT = "deliveryResult";
  public static final String DELIVERY_REASON = "deliveryReason";

  // Set by the cancellation request.
  public static final String CANCEL_REASON = "cancelReason";
  public static final String CANCELLED_BY = "cancelledBy";

  private OrderProcess() {}
}
