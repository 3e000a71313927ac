package org.yizhan.mediation;

public enum CaseStatus {
  OPEN,
  SETTLED,
  FOLLOW_UP,
  CLOSED,
  REFERRED
}
