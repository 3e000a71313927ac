package org.yizhan.residents;

/** Special groups of the registry (一人一档) that decide what help a resident gets. */
public enum ResidentTag {
  LIVING_ALONE,
  EMPTY_NEST,
  VERY_OLD,
  DISABLED,
  LOW_INCOME,
  EXTREME_POVERTY,
  MOBILITY_LIMITED
}
