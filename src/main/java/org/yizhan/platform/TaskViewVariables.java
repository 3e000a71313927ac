package org.yizhan.platform;

import java.util.Set;

/**
 * The values a capability puts on its user tasks only to show them while the task is open (the order's goods and
 * total, the card's number and area, the resident's name on a claimed doorstep task): task-local copies of what the
 * station's own records hold, written by a create listener, never by a form. The history keeps none of them
 * ({@code camunda/history/FullHistoryWithoutDetails}): the records are the source, and each copy would otherwise be a history row
 * written when the task is created and rewritten when it ends.
 *
 * <p>A capability declares its names in a bean of this type; a task-local value of any other name is kept in the
 * history as before.
 */
public interface TaskViewVariables {

  Set<String> names();
}
