package org.yizhan.delivery;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.yizhan.order.OrderBook;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.residents.Resident;
import org.yizhan.residents.ResidentRepository;
import org.yizhan.residents.ResidentTag;

/**
 * "准备配送 (Prepare delivery)": opens the delivery record (its number becomes the business key unless an order's
 * number already is), decides who is offered the doorstep task, and hands the welfare-risk decision the resident's
 * flags. Only the neighbourhood goes into the process; address and phone stay in the registry.
 */
@Component("prepareDelivery")
class PrepareDeliveryDelegate implements JavaDelegate {

  /** The registry's tags welfare-risk.dmn reads, each under its tag's one name ({@link ResidentTag#variable()}). */
  static final Set<ResidentTag> WELFARE_RISK_FLAGS = EnumSet.of(ResidentTag.LIVING_ALONE, ResidentTag.VERY_OLD,
      ResidentTag.DISABLED, ResidentTag.MOBILITY_LIMITED);

  private final DeliveryBook book;
  private final ResidentRepository residents;
  private final IdentityService identity;
  private final TaskService tasks;
  private final YizhanProperties properties;
  private final OrderBook orders;

  PrepareDeliveryDelegate(DeliveryBook book, ResidentRepository residents, IdentityService identity, TaskService tasks,
      YizhanProperties properties, OrderBook orders) {
    this.orders = orders;
    this.book = book;
    this.residents = residents;
    this.identity = identity;
    this.tasks = tasks;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The one place a delivery's request is checked, whoever started it (a manager over the API, a round, an order).
    String residentId = DeliveryValidator.residentId(execution.getVariable(DeliveryProcess.RESIDENT_ID));
    DeliveryKind kind = DeliveryValidator.kind(execution.getVariable(DeliveryProcess.KIND));
    String note = DeliveryValidator.note(execution.getVariable(DeliveryProcess.NOTE));
    Resident resident = residents.find(residentId).orElseThrow(() -> DeliveryValidator.unknownResident(residentId));
    String orderNo = orderOfTheCaller(execution);
    String businessKey = execution.getProcessBusinessKey();
    if (orderNo == null && businessKey != null) {
      throw new DeliveryRefusedException(null, "送货单号由驿站给出 (The delivery number is given when the delivery is "
          + "prepared; start the delivery without a business key)");
    }
    String deliveryNo = book.open(resident.id(), kind, orderNo, execution.getProcessInstanceId(), note,
        Objects.toString(execution.getVariable(DeliveryProcess.REQUESTED_BY), null));
    // The business key is what the delivery's steps find their record by: its own number, or the number of the order
    // that called it (an order has one doorstep delivery); see DeliveryBook#of.
    if (businessKey == null) {
      execution.setProcessBusinessKey(orderNo == null ? deliveryNo : orderNo);
    }

    var delivery = properties.delivery();
    Map<String, Object> variables = new HashMap<>();
    variables.put(DeliveryProcess.DELIVERY_NO, deliveryNo);
    variables.put(DeliveryProcess.ORDER_NO, orderNo);
    variables.put("kindLabel", kind.label());
    variables.put("residentArea", resident.neighbourhood());
    // What the door needs: an order's lines and the amount due as money; a meal, vegetables or medicine carry nothing
    // to collect. No name: the doorstep task is offered to a group (the name comes with the claim, see
    // DeliveryStepListeners.showResidentToAssignee).
    if (orderNo != null) {
      variables.putAll(orders.doorstepSheet(orderNo));
    } else {
      variables.put(DeliveryProcess.COLLECT_TEXT, OrderBook.FREE);
    }
    // Inputs of the welfare-risk decision (who gets a welfare check when the door stays closed): flags, no personal data.
    WELFARE_RISK_FLAGS.forEach(tag -> variables.put(tag.variable(), resident.has(tag)));
    variables.put("deliveryGroups", offeredTo(resident.gridId()));
    variables.put("maxAttempts", delivery.maxAttempts());
    variables.put("retryAfter", delivery.retryAfter().toString());
    variables.put("welfareCheckWithin", delivery.welfareCheckWithin().toString());
    execution.setVariables(variables);
  }

  /**
   * The order a delivery carries is the one of the station order that called it (its business key); a delivery started
   * on its own (a meal, medicine) belongs to no order, and one that names an order anyway is refused, so that nobody can
   * close another order's delivery by starting one of their own.
   */
  private static String orderOfTheCaller(DelegateExecution execution) {
    Object sent = execution.getVariable(DeliveryProcess.ORDER_NO);
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    String callingOrder = caller == null ? null : caller.getProcessBusinessKey();
    if (sent != null && !sent.equals(callingOrder)) {
      throw new DeliveryRefusedException(DeliveryProcess.ORDER_NO, "送货单的订单号由订单流程给出 (orderNo is given by the "
          + "station order that asks for the delivery; leave it out)");
    }
    if (callingOrder != null && execution.getProcessBusinessKey() != null
        && !callingOrder.equals(execution.getProcessBusinessKey())) {
      throw new IllegalStateException("doorstep-delivery called by order " + callingOrder + " with business key "
          + execution.getProcessBusinessKey() + ": the call activity must hand the order's number on as business key");
    }
    return callingOrder;
  }

  /** The grid's volunteers when one of them has no doorstep delivery in hand; otherwise every station volunteer. */
  private String offeredTo(String gridId) {
    String gridGroup = StationGroups.gridVolunteers(gridId);
    for (User volunteer : identity.createUserQuery().memberOfGroup(gridGroup).list()) {
      long inHand = tasks.createTaskQuery().processDefinitionKey(DeliveryProcess.KEY)
          .taskDefinitionKey(DeliveryProcess.TASK_DELIVER_TO_DOOR).taskAssignee(volunteer.getId()).count();
      if (inHand == 0) {
        return gridGroup;
      }
    }
    return StationGroups.VOLUNTEERS;
  }
}
