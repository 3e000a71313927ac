package org.yizhan.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.yizhan.platform.ModelProperties;
import org.yizhan.support.ProcessTestEngine;

/**
 * The beans processes/doorstep-delivery.bpmn names, as mocks on a {@link ProcessTestEngine}: each sets exactly the
 * process variables the real one sets for the model's gateways, timers, task groups and the calling order's
 * out-mappings (PrepareDeliveryDelegate, DeliveryStepListeners), and nothing of the records they keep. Used by the
 * delivery's own path tests and by the order's, which calls the delivery.
 */
public final class DoorstepDeliveryMocks {

  /** Lives alone, 87, limited mobility, grid G01: welfare-risk.dmn calls for a welfare check. */
  public static final String AT_RISK = "R-0001";
  /** An ordinary resident of grid G01. */
  public static final String ORDINARY = "R-0002";
  public static final String GRID_VOLUNTEERS = "grid-g01-volunteers";
  public static final int MAX_ATTEMPTS = 3;
  public static final String RETRY_AFTER = "P1D";
  public static final String WELFARE_CHECK_WITHIN = "PT1H";

  /** The registry's flags of each resident the tests use, under the names welfare-risk.dmn reads. */
  private static final Map<String, Map<String, Object>> FLAGS = Map.of(
      AT_RISK, Map.of("livingAlone", true, "veryOld", true, "disabled", false, "mobilityLimited", true),
      ORDINARY, Map.of("livingAlone", false, "veryOld", false, "disabled", false, "mobilityLimited", false));

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  public final JavaDelegate prepareDelivery;
  public final TaskListener countDeliveryAttempt;
  public final TaskListener showResidentToAssignee;
  public final TaskListener recordDoorstepVisit;
  public final JavaDelegate creditPoints;
  public final ExecutionListener deliveryOutcome;

  private DoorstepDeliveryMocks(ProcessTestEngine engine) {
    prepareDelivery = engine.delegate("prepareDelivery", DoorstepDeliveryMocks::prepare);
    countDeliveryAttempt = engine.taskListener("countDeliveryAttempt", task -> {
      for (String answer : List.of("outcome", "receivedBy", "antiFraudTalk", "satisfaction", "visitNote")) {
        task.getExecution().removeVariable(answer);
      }
      Object previous = task.getVariable("attempt");
      task.setVariable("attempt", previous == null ? 1 : (Integer) previous + 1);
    });
    showResidentToAssignee = engine.taskListener("showResidentToAssignee");
    recordDoorstepVisit = engine.taskListener("recordDoorstepVisit", task -> {
      if ("DELIVERED".equals(task.getVariable("outcome"))) {
        task.setVariable("deliveredBy", task.getAssignee());
      }
      for (int row = 1; row <= DeliveryStepListeners.NEED_ROWS; row++) {
        task.getExecution().removeVariable("need" + row + "Category");
        task.getExecution().removeVariable("need" + row + "Details");
      }
    });
    creditPoints = engine.delegate("creditPoints");
    deliveryOutcome = engine.executionListener(DeliveryOutcomeProperties.LISTENER, DoorstepDeliveryMocks::close);
  }

  /** Registers the delivery's mocks on the engine for the current test. */
  public static DoorstepDeliveryMocks on(ProcessTestEngine engine) {
    return new DoorstepDeliveryMocks(engine);
  }

  /** PrepareDeliveryDelegate: the business key (the calling order's number, else its own), the door's values. */
  private static void prepare(DelegateExecution execution) {
    var caller = execution.getProcessInstance().getSuperExecution();
    String orderNo = caller == null ? null : caller.getProcessBusinessKey();
    String deliveryNo = "SD-261123-" + String.format("%04d", NUMBERS.incrementAndGet());
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(orderNo == null ? deliveryNo : orderNo);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(DeliveryProcess.DELIVERY_NO, deliveryNo);
    variables.put(DeliveryProcess.ORDER_NO, orderNo);
    variables.put("kindLabel", execution.getVariable(DeliveryProcess.KIND));
    variables.put("residentArea", "老厂区 (Old Works estate)");
    variables.put(DeliveryProcess.COLLECT_TEXT, orderNo == null ? "免费 (free)" : "¥65.00");
    variables.putAll(FLAGS.get((String) execution.getVariable(DeliveryProcess.RESIDENT_ID)));
    variables.put("deliveryGroups", GRID_VOLUNTEERS);
    variables.put("maxAttempts", MAX_ATTEMPTS);
    variables.put("retryAfter", RETRY_AFTER);
    variables.put("welfareCheckWithin", WELFARE_CHECK_WITHIN);
    execution.setVariables(variables);
  }

  /** The deliveryOutcome listener: the result and reason the end event's properties say, for the calling order. */
  private static void close(DelegateExecution execution) {
    DeliveryOutcomeProperties.Outcome outcome = new DeliveryOutcomeProperties().read(ModelProperties.of(execution));
    String details = ModelProperties.joinedVariables(execution, outcome.reasonVariables());
    String text = outcome.reasonText();
    execution.setVariable(DeliveryProcess.RESULT, outcome.status().name());
    execution.setVariable(DeliveryProcess.REASON, text == null ? details : details == null ? text : text + ": " + details);
  }
}
