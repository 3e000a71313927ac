package org.yizhan.order;

import java.math.BigDecimal;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yizhan.platform.TaskViewVariables;

/** The listeners of station-order that record a step's result on the order; each is named in the model. */
@Configuration
class OrderStepListeners {

  /**
   * After the hand-over decision: remember it on the order, and keep it in words with the process
   * ({@code handOverText}), so that every later task card and form of the order reads 送货上门 or 到站自取, never DOORSTEP.
   */
  @Bean
  ExecutionListener recordDeliveryMode(OrderBook book) {
    return execution -> {
      DeliveryMode mode = DeliveryMode.valueOf((String) execution.getVariable("deliveryMode"));
      String orderNo = orderNo(execution);
      book.recordDeliveryMode(orderNo, mode);
      execution.setVariable(OrderProcess.HAND_OVER_TEXT, mode.label());
      book.progress(orderNo, ProgressStep.HAND_OVER_DECIDED, mode == DeliveryMode.DOORSTEP
          ? "送货上门 (Will be delivered to the door)" : "驿站自取 (Will be collected at the station)", null, null);
    };
  }

  /** The resident agreed to pay the merchant's higher price for its goods. */
  @Bean
  ExecutionListener recordAgreedPrice(OrderBook book, MerchantParts parts) {
    return execution -> {
      if (execution.getVariable(OrderProcess.MERCHANT_ID) == null) {
        // An instance of a version before each merchant answered for its own goods.
        book.agreeNewGoodsTotal(orderNo(execution),
            new BigDecimal(execution.getVariable("confirmedGoodsTotal").toString()));
      } else {
        book.agreeNewMerchantPrice(orderNo(execution), parts.checkedMerchantId(execution));
      }
    };
  }

  /**
   * The volunteer is to ask the resident about a merchant's higher price: the price as money ({@code ¥93.00}) for
   * this task only, from the answer recorded for the merchant (an instance of a version before merchants answered each
   * for its own goods reads the amount the merchant's task left).
   */
  @Bean
  TaskListener showNewPrice(MerchantParts parts) {
    return task -> task.setVariableLocal("confirmedGoodsTotalText", parts.confirmedAmountText(task.getExecution()));
  }

  /** The goods branch starts: which merchants to ask, from the order's lines. */
  @Bean
  ExecutionListener askMerchants(MerchantParts parts) {
    return parts::askMerchants;
  }

  /** A merchant's part starts: its own lines, sum and name, after checking it sells goods of the order. */
  @Bean
  ExecutionListener prepareMerchantPart(MerchantParts parts) {
    return parts::prepare;
  }

  /** A merchant confirmed stock and price: recorded with the signed-in user who answered. */
  @Bean
  TaskListener recordMerchantAnswer(MerchantParts parts) {
    return parts::recordAnswer;
  }

  /**
   * A merchant's task is created: its card names what this merchant supplies ({@code supplyText}, task-local), from
   * this merchant's own lines of the order, never another merchant's.
   */
  @Bean
  TaskListener showSupply(MerchantParts parts) {
    return parts::showSupply;
  }

  /** A merchant reported its goods at the station. */
  @Bean
  TaskListener recordMerchantDelivery(MerchantParts parts) {
    return parts::recordDelivery;
  }

  /** A volunteer's task of the order is created: what was ordered and the total, for this task only. */
  @Bean
  TaskListener showOrder(OrderBook book) {
    return task -> task.setVariablesLocal(book.sheet(orderNo(task.getExecution())));
  }

  /**
   * What {@link #showOrder}, {@link #showNewPrice} and {@link #showSupply} put on the order's tasks only to show them,
   * from the order's record: the engine's history keeps none of it.
   */
  @Bean
  TaskViewVariables orderTaskViews() {
    return () -> Set.of("orderSummary", "servicesSummary", "total", "totalText", "handOverText",
        "confirmedGoodsTotalText", OrderProcess.SUPPLY_TEXT);
  }

  /** On hand-over: who received it and how satisfied the resident is; refuses the completion otherwise. */
  @Bean
  TaskListener recordHandOver(OrderBook book) {
    return task -> {
      String receivedBy = text(task, OrderProcess.RECEIVED_BY);
      if (receivedBy == null || receivedBy.isBlank() || receivedBy.length() > 100) {
        throw new BadUserRequestException("签收人：请填写签收人，最多 100 个字 (Received by: enter who received the order, at most 100 characters)");
      }
      int satisfaction;
      try {
        satisfaction = (int) Double.parseDouble(String.valueOf(task.getVariable(OrderProcess.SATISFACTION)));
      } catch (NumberFormatException notANumber) {
        satisfaction = 0;
      }
      if (satisfaction < 1 || satisfaction > 5) {
        throw new BadUserRequestException("满意度：请从 1（非常不满意）到 5（非常满意）中选 (Satisfaction: choose from 1, very unhappy, to 5, very satisfied)");
      }
      book.recordHandOver(orderNo(task.getExecution()), receivedBy.trim(), satisfaction);
    };
  }

  /**
   * When the doorstep delivery ends (CallActivity_DoorstepDelivery, event end): what it handed back through the call
   * activity's out-mappings goes on the order. Delivered: who received it and how satisfied the resident was (the
   * doorstep form's fields). Refused or returned: nothing here; Event_OrderNotDelivered closes the order with the
   * delivery's reason. Cancelled while the delivery ran: the delivery hands nothing back and the cancellation records
   * the order's end.
   */
  @Bean
  ExecutionListener recordDoorstepResult(OrderBook book) {
    return execution -> {
      if (!"DELIVERED".equals(execution.getVariable(OrderProcess.DELIVERY_RESULT))) {
        return;
      }
      Object receivedBy = execution.getVariable(OrderProcess.RECEIVED_BY);
      Object satisfaction = execution.getVariable(OrderProcess.SATISFACTION);
      book.recordHandOver(orderNo(execution), receivedBy == null ? null : receivedBy.toString().trim(),
          wholeNumber(satisfaction));
    };
  }

  /** The doorstep form's satisfaction (its rules allow 1 to 5 only), or null when none came back. */
  private static Integer wholeNumber(Object value) {
    try {
      return value == null ? null : (int) Double.parseDouble(value.toString());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The order's number is its business key, set when it was registered; a variable a client can write is not. */
  private static String orderNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : value.toString();
  }
}
