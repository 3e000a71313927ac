package org.yizhan.platform;

import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine keeps its full history (level FULL: process, activity and task instances, each variable's last value,
 * decisions with their inputs, incidents, the job log and the user operation log of who claimed and completed what)
 * except one row in ACT_HI_DETAIL for every value a process variable ever had, and the few task-local values shown only
 * while a task is claimed.
 *
 * <p>Nothing reads those rows: the KPIs come from the station's own tables, Tasklist and Cockpit Community show no
 * variable timelines. Writing them was about a quarter of the history rows of an order, about 37 rows per order in the
 * benchmark, against 6 for the bare reference (docs/performance.md). The level stays FULL, so a database keeps working
 * if this is ever switched off, and Camunda's history cleanup treats it as before.
 */
@Component
class HistoryWithoutVariableDetails extends AbstractProcessEnginePlugin {

  /**
   * Task-local values shown only to whoever holds the task (the resident's name on the doorstep task, see
   * DeliveryStepListeners.showResidentToAssignee): not kept in the history either, where Cockpit's readers would find
   * them after the task is done. The registry keeps the resident; the delivery record says who delivered.
   */
  private static final Set<String> SHOWN_WHILE_CLAIMED = Set.of("residentName");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Replaces the default database handler instead of adding to it, so no history row is written twice.
    configuration.setHistoryEventHandler(new DbHistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable && variable.getTaskId() != null
            && SHOWN_WHILE_CLAIMED.contains(variable.getVariableName())) {
          return; // none of its events (created, changed, removed), so no history row is ever looked for
        }
        super.handleEvent(event);
      }

      @Override
      protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity variableChange) {
        return false;
      }
    });
  }
}
