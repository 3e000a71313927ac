package org.yizhan.platform;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine keeps its full history (level FULL: process, activity and task instances, each variable's last value,
 * decisions with their inputs, incidents, the job log and the user operation log of who claimed and completed what)
 * except one row in ACT_HI_DETAIL for every value a process variable ever had, and the values put on tasks only to
 * show them ({@link TaskViewVariables}).
 *
 * <p>Nothing reads those rows: the KPIs come from the station's own tables, Tasklist and Cockpit Community show no
 * variable timelines. Writing the details was about a quarter of the history rows of an order, about 37 rows per order
 * in the benchmark, against 6 for the bare reference (docs/performance.md); the task views were 7 history rows written
 * with an order's first task alone (orderNo, residentArea, handOverText, orderSummary, servicesSummary, total,
 * totalText), and as many again for each later task, each rewritten when its task ends. The level stays FULL, so a
 * database keeps working if this is ever switched off, and Camunda's history cleanup treats it as before.
 */
@Component
class HistoryWithoutVariableDetails extends AbstractProcessEnginePlugin {

  /** Task-local values that are views of the station's records, declared by the capabilities that show them. */
  private final Set<String> taskViews;

  HistoryWithoutVariableDetails(List<TaskViewVariables> views) {
    this.taskViews = views.stream().flatMap(view -> view.names().stream()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Replaces the default database handler instead of adding to it, so no history row is written twice.
    configuration.setHistoryEventHandler(new DbHistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable && variable.getTaskId() != null
            && taskViews.contains(variable.getVariableName())) {
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
