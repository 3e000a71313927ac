package org.yizhan.platform.deployment;

import java.util.Locale;

/** What the engine makes of a deployed resource, by the file name endings its deployers look for. */
enum ModelKind {
  PROCESS, DECISION, CASE, FORM, OTHER;

  static ModelKind of(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
      return PROCESS;
    }
    if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
      return DECISION;
    }
    if (lower.endsWith(".cmmn") || lower.endsWith(".cmmn10.xml") || lower.endsWith(".cmmn11.xml")) {
      return CASE;
    }
    return lower.endsWith(".form") ? FORM : OTHER;
  }
}
