package org.yizhan.camunda.engine;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Reads what a Camunda command was given from its protected fields, for the interceptors that check commands before
 * the engine runs them ({@link QueryExpressionGuard}, {@link WorkThroughTheProcess}). Camunda internals, verified on
 * 7.24.0: a field that is not there (a later version renamed it) refuses the command rather than letting it through,
 * and the tests of both interceptors fail.
 */
final class CommandFields {

  private CommandFields() {}

  /** The field, made readable; null when the class has no such field. */
  static Field of(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException missing) {
      return null;
    }
  }

  static Object read(Field field, Object command) {
    if (field == null) {
      throw new BadUserRequestException("The engine's commands changed; " + command.getClass().getSimpleName()
          + " is refused until the station's checks are verified against this Camunda version");
    }
    try {
      return field.get(command);
    } catch (IllegalAccessException unreadable) {
      throw new BadUserRequestException("Cannot check " + command.getClass().getSimpleName() + ": "
          + unreadable.getMessage());
    }
  }
}
