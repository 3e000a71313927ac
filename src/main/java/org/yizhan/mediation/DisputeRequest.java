package org.yizhan.mediation;

import java.util.List;

/** A dispute as staff register it, over HTTP or through the start form. */
public record DisputeRequest(String buildingId, DisputeType type, String parties, String description,
    List<RiskFlag> riskFlags) {

  static final int MAX_PARTIES = 300;
  static final int MAX_DESCRIPTION = 2000;
}
