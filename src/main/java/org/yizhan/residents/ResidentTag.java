package org.yizhan.residents;

import java.util.Locale;

/** Special groups of the registry (一人一档) that decide what help a resident gets. */
public enum ResidentTag {
  LIVING_ALONE,
  EMPTY_NEST,
  VERY_OLD,
  DISABLED,
  LOW_INCOME,
  EXTREME_POVERTY,
  MOBILITY_LIMITED;

  /**
   * The one name the fact goes by from the registry to the decision tables: the process variable a step sets from
   * the resident's tags and the decision table's input reads ({@code LIVING_ALONE} → {@code livingAlone}).
   */
  public String variable() {
    String[] words = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }
}
