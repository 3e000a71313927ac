package org.yizhan.order;

/** Names shared between processes/station-order.bpmn, its forms and the code. */
public final class OrderProcess {

  public static final String KEY = "station-order";
  public static final String CANCEL_MESSAGE = "OrderCancellationRequested";

  // Elements of station-order.bpmn that code and tests name.
  public static final String TASK_ACCEPT_ORDER = "Task_AcceptOrder";
  public static final String EVENT_ORDER_TAKEN = "Event_OrderTaken";
  public static final String TIMER_ACCEPT_OVERDUE = "Timer_AcceptOverdue";
  public static final String TASK_CHASE_UNACCEPTED_ORDER = "Task_ChaseUnacceptedOrder";
  public static final String EVENT_CHASE_DONE = "Event_ChaseDone";
  public static final String EVENT_ORDER_REJECTED = "Event_OrderRejected";
  public static final String GATEWAY_SPLIT_ORDER_KIND = "Gateway_SplitOrderKind";
  public static final String SUB_PROCESS_MERCHANT_PARTS = "SubProcess_MerchantParts";
  public static final String TASK_CONFIRM_STOCK = "Task_ConfirmStock";
  public static final String EVENT_MERCHANT_OUT_OF_STOCK = "Event_MerchantOutOfStock";
  public static final String TASK_ASK_RESIDENT_ABOUT_PRICE = "Task_AskResidentAboutPrice";
  public static final String EVENT_MERCHANT_PRICE_REFUSED = "Event_MerchantPriceRefused";
  public static final String GATEWAY_MERGE_PRICE = "Gateway_MergePrice";
  public static final String TASK_DELIVER_TO_STATION = "Task_DeliverToStation";
  public static final String TASK_CHECK_GOODS = "Task_CheckGoods";
  public static final String EVENT_MERCHANT_PART_DONE = "Event_MerchantPartDone";
  public static final String FLOW_IN_STOCK = "Flow_InStock";
  public static final String FLOW_GOODS_CHECK_FAILED = "Flow_GoodsCheckFailed";
  public static final String FLOW_GOODS_CHECK_PASSED = "Flow_GoodsCheckPassed";
  public static final String EVENT_OUT_OF_STOCK_CANCELS_ORDER = "Event_OutOfStockCancelsOrder";
  public static final String EVENT_PRICE_REFUSAL_CANCELS_ORDER = "Event_PriceRefusalCancelsOrder";
  public static final String EVENT_CANCELLED_OUT_OF_STOCK = "Event_CancelledOutOfStock";
  public static final String EVENT_CANCELLED_PRICE_REFUSED = "Event_CancelledPriceRefused";
  public static final String TASK_SCHEDULE_SERVICE = "Task_ScheduleService";
  public static final String GATEWAY_DELIVERY_MODE = "Gateway_DeliveryMode";
  public static final String SUB_PROCESS_PICK_UP = "SubProcess_PickUp";
  public static final String TASK_HAND_OVER_AT_STATION = "Task_HandOverAtStation";
  public static final String EVENT_COLLECTED = "Event_Collected";
  public static final String TIMER_PICKUP_REMINDER = "Timer_PickupReminder";
  public static final String TASK_REMIND_RESIDENT = "Task_RemindResident";
  public static final String EVENT_REMINDER_DONE = "Event_ReminderDone";
  public static final String CALL_ACTIVITY_DOORSTEP_DELIVERY = "CallActivity_DoorstepDelivery";
  public static final String GATEWAY_DOORSTEP_RESULT = "Gateway_DoorstepResult";
  public static final String EVENT_ORDER_NOT_DELIVERED = "Event_OrderNotDelivered";
  public static final String EVENT_ORDER_COMPLETED = "Event_OrderCompleted";
  public static final String EVENT_CANCELLATION_REQUESTED = "Event_CancellationRequested";
  public static final String EVENT_ORDER_CANCELLED = "Event_OrderCancelled";
  public static final String FLOW_ACCEPTED = "Flow_Accepted";
  public static final String FLOW_DOORSTEP_DONE = "Flow_DoorstepDone";

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
