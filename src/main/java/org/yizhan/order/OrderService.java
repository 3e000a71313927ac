package org.yizhan.order;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.StationStart;
import org.yizhan.platform.security.AsTheStation;
import org.yizhan.platform.web.ApiException;

/** Placing and cancelling orders for residents; everything after that is the process's. */
@Service
public class OrderService {

  private final OrderRepository orders;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final ObjectMapper json;
  private final OrderIdempotencyKeys keys;

  OrderService(OrderRepository orders, RuntimeService runtime, IdentityService identity,
      ObjectMapper json, OrderIdempotencyKeys keys) {
    this.keys = keys;
    this.identity = identity;
    this.orders = orders;
    this.runtime = runtime;
    this.json = json;
  }

  /**
   * Starts station-order with the request; "Register order" checks it and writes the order in the same transaction, so
   * a refusal leaves neither an order nor a process instance behind. The request is checked there only, once, as a
   * start from Tasklist's form is. The lines go in as one value (more rows than the start form has), which is not one
   * of the start form's fields: the station starts the order itself, for the desk user it has checked, and hands
   * "Register order" who placed it, the signed-in user.
   */
  @Transactional
  public PlacedOrder place(OrderRequest request, String placedBy) {
    return place(request, placedBy, null, null);
  }

  /**
   * As {@link #place(OrderRequest, String)}, taking the caller's idempotency key (when not null) in the same
   * transaction: the key is claimed before the process starts, so a concurrent request with the same key waits for
   * this one and then fails with {@link OrderIdempotencyKeys.Taken} without starting a process, and it names the order
   * once it is registered. A refused order rolls its claim back with the rest: it takes no key.
   */
  @Transactional
  public PlacedOrder place(OrderRequest request, String placedBy, IdempotencyKey key, String fingerprint) {
    if (key != null) {
      keys.claim(placedBy, key.value(), fingerprint);
    }
    // "Register order" resolves the resident the desk named (number, name or phone) and keeps her number with the
    // process (the doorstep delivery needs her); lines, preference and note are only read by it and the hand-over
    // decision in this transaction, and live in the order tables afterwards.
    VariableMap variables = Variables.createVariables()
        .putValue(OrderProcess.RESIDENT_ID, request.residentId())
        .putValueTyped(OrderProcess.ITEMS, Variables.stringValue(itemsJson(request.items()), true))
        .putValueTyped(OrderProcess.DELIVERY_PREFERENCE, Variables.stringValue(
            request.deliveryPreference() == null ? "" : request.deliveryPreference().name(), true))
        .putValueTyped(OrderProcess.NOTE, Variables.stringValue(request.note(), true))
        .putValue(OrderProcess.PLACED_BY, placedBy);
    // "Register order" gives the order its number as the instance's business key, within this start; its refusal
    // (OrderRefusedException, or the registry's for a resident it cannot find) goes to the caller as it is.
    String orderNo = StationStart.start(identity, runtime, OrderProcess.KEY, variables).number();
    if (key != null) {
      keys.attach(placedBy, key.value(), orderNo);
    }
    return placed(orderNo);
  }

  /** An order as placing it answered. */
  PlacedOrder placed(String orderNo) {
    return orders.placed(orderNo).orElseThrow(() -> ApiException.notFound("orderNo",
        "There is no order " + orderNo + "; check the number on the resident's slip"));
  }

  /** The code on the resident's slip that opens the public order page. */
  public String publicCodeOf(String orderNo) {
    return orders.publicCodeOf(orderNo).orElse(null);
  }

  public Order find(String orderNo) {
    return orders.find(orderNo).orElseThrow(() -> ApiException.notFound("orderNo",
        "There is no order " + orderNo + "; check the number on the resident's slip"));
  }

  /** Ends the order's open tasks and the order itself as CANCELLED, with the resident's reason. */
  @Transactional
  public Order cancel(String orderNo, String reason, String cancelledBy) {
    Order order = find(orderNo);
    if (order.status().isClosed()) {
      throw ApiException.conflict("订单 " + orderNo + " 已是 " + order.status() + "，不能取消 (Order " + orderNo + " is already "
          + order.status() + " and cannot be cancelled)");
    }
    // The caller was checked (the order desk) and so was the order; the station itself sends the cancellation, since
    // the desk's groups hold no right to change running orders directly (which would reach every order).
    try {
      AsTheStation.call(identity, () -> runtime.createMessageCorrelation(OrderProcess.CANCEL_MESSAGE)
          .processInstanceId(order.processInstanceId())
          .setVariable(OrderProcess.CANCEL_REASON, reason.trim())
          .setVariable(OrderProcess.CANCELLED_BY, cancelledBy)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException handedOver) {
      throw ApiException.conflict("订单 " + orderNo + " 刚刚已交付或已关闭，不能取消 (Order " + orderNo
          + " has just been handed over or closed and cannot be cancelled)");
    }
    return find(orderNo);
  }

  private String itemsJson(List<OrderRequest.Line> items) {
    try {
      return json.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Order lines always serialize", e);
    }
  }
}
