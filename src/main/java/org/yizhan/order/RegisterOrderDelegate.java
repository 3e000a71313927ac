package org.yizhan.order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.yizhan.catalog.ItemKind;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.security.StartedBy;
import org.yizhan.residents.Resident;
import org.yizhan.residents.ResidentTag;

/**
 * "登记订单 (Register order)": the first step of every order, whether it came through Tasklist's start form or
 * {@code POST /api/orders}. Checks it, freezes the prices, gives it its number (the business key) and hands the
 * process the few values its gateways, timers and forms need. Bad input fails the start with a message for the
 * volunteer and leaves nothing behind.
 */
@Component("registerOrder")
class RegisterOrderDelegate implements JavaDelegate {

  private final OrderValidator validator;
  private final OrderBook book;
  private final YizhanProperties properties;
  private final ObjectMapper json;

  RegisterOrderDelegate(OrderValidator validator, OrderBook book, YizhanProperties properties, ObjectMapper json) {
    this.validator = validator;
    this.book = book;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ValidOrder order = validator.validate(readRequest(execution));
    if (execution.getProcessBusinessKey() != null) {
      // The order number is the business key every later step finds the order by; the station gives it.
      throw new OrderRefusedException("订单号由驿站给出 (The order number is given when the order is registered; "
          + "start the order without a business key)");
    }
    keepResolvedResident(execution, order.resident().id());
    String placedBy = StartedBy.of(execution, OrderProcess.PLACED_BY);
    String orderNo = book.register(order, execution.getProcessInstanceId(), placedBy);
    execution.setProcessBusinessKey(orderNo);
    execution.removeVariable(OrderProcess.ITEMS);
    String preference = order.deliveryPreference() == null ? "" : order.deliveryPreference().name();
    TypedValue sentPreference = execution.getVariableTyped(OrderProcess.DELIVERY_PREFERENCE);
    if (sentPreference == null || !preference.equals(sentPreference.getValue())) {
      // Kept or transient as it was sent: Camunda refuses to turn one into the other.
      execution.setVariable(OrderProcess.DELIVERY_PREFERENCE,
          Variables.stringValue(preference, sentPreference != null && sentPreference.isTransient()));
    }
    Map<String, Object> kept = processVariables(orderNo, order);
    VariableMap inputs = inputsOfThisTransaction(order.resident());
    refuseSentValuesOf(execution, kept.keySet());
    refuseSentValuesOf(execution, inputs.keySet());
    // Worked out from the order's lines when its goods are ordered from the merchants, and from the hand-over decision.
    refuseSentValuesOf(execution, Set.of(OrderProcess.MERCHANT_IDS, OrderProcess.HAND_OVER_TEXT));
    execution.setVariables(kept);
    execution.setVariables(inputs);
  }

  /**
   * The start form takes the resident's number, name or phone in {@code residentId}; from here on it holds the number
   * of the resident it named, as the order record does. Kept or transient as it was sent.
   */
  private static void keepResolvedResident(DelegateExecution execution, String residentId) {
    TypedValue sent = execution.getVariableTyped(OrderProcess.RESIDENT_ID);
    if (sent == null || !residentId.equals(sent.getValue())) {
      execution.setVariable(OrderProcess.RESIDENT_ID,
          Variables.stringValue(residentId, sent != null && sent.isTransient()));
    }
  }

  /**
   * The values registering works out from the registry, the catalog and the station's settings are not taken from
   * whoever starts the process: the registry decides the hand-over, not the client. (Camunda would also refuse to
   * turn a value sent as transient into a kept one, or back, with an exception its REST API answers with 500.) The
   * refusal rolls the registration back with the rest of the start.
   */
  private static void refuseSentValuesOf(DelegateExecution execution, Set<String> names) {
    for (String name : names) {
      if (execution.hasVariable(name)) {
        throw new OrderRefusedException(name, name + " 由登记订单时得出 (" + name + " is worked out when the order is registered; "
            + "leave it out of the order)");
      }
    }
  }

  /**
   * What the order's later steps (gateways, timers) read: kept with the process, so every task worker of the order can
   * read it; what was ordered and its prices go to each task that shows them (showOrder, per merchant its own part).
   */
  private Map<String, Object> processVariables(String orderNo, ValidOrder order) {
    Resident resident = order.resident();
    return Map.ofEntries(
        Map.entry(OrderProcess.ORDER_NO, orderNo),
        Map.entry("hasGoods", order.has(ItemKind.GOODS)),
        Map.entry("hasServices", order.has(ItemKind.SERVICE)),
        Map.entry("residentArea", resident.neighbourhood()),
        // The acceptance timer and the task's due date (Camunda reads a duration there as "from now").
        Map.entry("acceptTimeout", properties.order().acceptTimeout().toString()),
        Map.entry("pickupReminderAfter", properties.order().pickupReminderAfter().toString()));
  }

  /**
   * The hand-over decision's inputs, read only by the decision in this same transaction and kept in its history with
   * its result. Transient, so an order does not write, and later delete, a row and its history for each. The
   * resident's name, phone and address stay in the registry either way.
   */
  private static VariableMap inputsOfThisTransaction(Resident resident) {
    Integer age = resident.ageOn(LocalDate.now());
    return Variables.createVariables()
        .putValueTyped(ResidentTag.MOBILITY_LIMITED.variable(), flag(resident, ResidentTag.MOBILITY_LIMITED))
        .putValueTyped(ResidentTag.DISABLED.variable(), flag(resident, ResidentTag.DISABLED))
        .putValueTyped(ResidentTag.LIVING_ALONE.variable(), flag(resident, ResidentTag.LIVING_ALONE))
        .putValueTyped("residentAge", Variables.integerValue(age == null ? 0 : age, true));
  }

  private static TypedValue flag(Resident resident, ResidentTag tag) {
    return Variables.booleanValue(resident.has(tag), true);
  }

  /** The order as the start form or the API put it into the process's variables. */
  private OrderRequest readRequest(DelegateExecution execution) {
    String residentId = text(execution.getVariable(OrderProcess.RESIDENT_ID));
    String preference = text(execution.getVariable(OrderProcess.DELIVERY_PREFERENCE));
    DeliveryMode mode;
    try {
      mode = preference == null || preference.isBlank() || preference.equals("NONE") ? null : DeliveryMode.valueOf(preference);
    } catch (IllegalArgumentException unknown) {
      throw new OrderRefusedException(OrderProcess.DELIVERY_PREFERENCE, "交付意愿只能是 PICKUP、DOORSTEP 或空 (Hand-over preference must be PICKUP, DOORSTEP or empty, not "
          + preference + ")");
    }
    Object items = execution.getVariable(OrderProcess.ITEMS);
    List<OrderRequest.Line> lines = items == null ? formRows(execution) : parseItems(items);
    return new OrderRequest(residentId, lines, mode, text(execution.getVariable(OrderProcess.NOTE)));
  }

  /** The API hands the lines over as JSON text, {@code [{"sku": "RICE-5KG", "quantity": 2}]}. */
  private List<OrderRequest.Line> parseItems(Object items) {
    try {
      return json.readValue(items.toString(),
          json.getTypeFactory().constructCollectionType(List.class, OrderRequest.Line.class));
    } catch (JsonProcessingException malformed) {
      throw new OrderRefusedException(OrderProcess.ITEMS, "商品与服务必须是 {sku, quantity} 的列表，数量为整数 (Items must be a list of {sku, quantity} with "
          + "whole-number quantities)");
    }
  }

  /** The start form has fixed rows: item1Sku/item1Quantity … item5Sku/item5Quantity; empty rows are skipped. */
  private static List<OrderRequest.Line> formRows(DelegateExecution execution) {
    List<OrderRequest.Line> lines = new ArrayList<>();
    for (int row = 1; row <= OrderRequest.MAX_LINES; row++) {
      String sku = text(execution.getVariable("item" + row + "Sku"));
      Object quantity = execution.getVariable("item" + row + "Quantity");
      // The order's lines live in the order tables from now on; the form's rows would only repeat them.
      execution.removeVariable("item" + row + "Sku");
      execution.removeVariable("item" + row + "Quantity");
      if (sku != null && !sku.isBlank()) {
        lines.add(new OrderRequest.Line(sku, quantity == null ? null : wholeNumber(quantity, row)));
      }
    }
    return lines;
  }

  private static Integer wholeNumber(Object quantity, int row) {
    try {
      double value = Double.parseDouble(quantity.toString());
      if (value != Math.rint(value) || Math.abs(value) > 1_000_000) {
        throw new NumberFormatException();
      }
      return (int) value;
    } catch (NumberFormatException notWhole) {
      throw new OrderRefusedException("item" + row + "Quantity", "第 " + row + " 项的数量必须是整数，不能是 " + quantity + " (Quantity of item " + row + " must be a whole number, not "
          + quantity + ")");
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
