package org.yizhan.camunda.history;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Camunda's FULL history, less two kinds of rows nobody reads: one ACT_HI_DETAIL row for every value a variable ever
 * had, and the history of the task-local copies a task shows while it is open (the capabilities'
 * {@code TaskViewVariables}: the station's records are their source). Everything else FULL keeps (process, activity
 * and task instances, each variable's last value, decisions with their inputs, incidents, the job log and the user
 * operation log) is kept, through Camunda's own history handler: this is a history level, Camunda's documented way to
 * choose which events become history, so a custom history handler added later sees every event it is given.
 *
 * <p>It has FULL's id, 3, so the database records the same level as before and a node without it (or with it switched
 * off) runs on the same database at FULL. Verified on Camunda 7.24.0; see docs/decisions/history-without-details.md.
 */
final class FullHistoryWithoutDetails extends AbstractHistoryLevel {

  static final String NAME = "full-without-details";

  private final Set<String> taskViews;

  FullHistoryWithoutDetails(Set<String> taskViews) {
    this.taskViews = Set.copyOf(taskViews);
  }

  @Override
  public int getId() {
    return HistoryLevel.HISTORY_LEVEL_FULL.getId();
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
      return false;
    }
    if (entity instanceof VariableInstance variable && variable.getTaskId() != null
        && taskViews.contains(variable.getName())) {
      return false; // none of its events (created, changed, migrated, removed): no history row is ever looked for
    }
    return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }
}
