package org.yizhan.camunda.forms;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The choices of a radio, select, checklist or taglist, read as form-js 1.8.7 reads them (its
 * {@code normalizeOptionsData}): an option is a plain value (text, number, true/false), or a {@code {label, value}}
 * object; anything else, and anything that is not a list, offers nothing.
 */
final class FormOptions {

  private FormOptions() {}

  /** The option values as text, the way a submitted value is compared with them. */
  static Set<String> valuesOf(Object options) {
    Set<String> values = new LinkedHashSet<>();
    if (!(options instanceof List<?> list)) {
      return values;
    }
    for (Object option : list) {
      Object value = option instanceof Map<?, ?> object ? object.get("value") : option;
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        values.add(value.toString());
      }
    }
    return values;
  }
}
