package org.yizhan.order;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Orders started before the hand-over was kept in words get it at the next start: each running order whose process
 * holds the decided {@code deliveryMode} but no {@code handOverText} gets the words, so their later task cards read
 * 送货上门 or 到站自取 like a new order's. Idempotent; nothing else of the order changes.
 */
@Component
@Order(20)
class HandOverInWords implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(HandOverInWords.class);

  private final RuntimeService runtime;

  HandOverInWords(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void run(ApplicationArguments args) {
    int worded = 0;
    for (VariableInstance mode : runtime.createVariableInstanceQuery().variableName("deliveryMode").list()) {
      String instance = mode.getProcessInstanceId();
      // The process's own variables (scope: the instance), not a task's copy of its card.
      if (!instance.equals(mode.getExecutionId()) || !(mode.getValue() instanceof String value)
          || runtime.createVariableInstanceQuery().variableScopeIdIn(instance)
              .variableName(OrderProcess.HAND_OVER_TEXT).count() > 0) {
        continue;
      }
      try {
        runtime.setVariable(instance, OrderProcess.HAND_OVER_TEXT, DeliveryMode.valueOf(value).label());
        worded++;
      } catch (IllegalArgumentException notAMode) {
        LOG.warn("Order process {} holds deliveryMode '{}', which is no hand-over; left as it is", instance, value);
      }
    }
    if (worded > 0) {
      LOG.info("{} running orders got their hand-over in words ({})", worded, OrderProcess.HAND_OVER_TEXT);
    }
  }
}
