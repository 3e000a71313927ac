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

  // Set by the cancellation request.
  public static final String CANCEL_REASON = "cancelReason";
  public static final String CANCELLED_BY = "cancelledBy";

  private OrderProcess() {}
}
